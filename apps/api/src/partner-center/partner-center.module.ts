import { Module } from '@nestjs/common';
import { PartnerCenterCredentialsController } from './partner-center-credentials.controller';
import { PartnerCenterCredentialsService } from './partner-center-credentials.service';

/** Partner Center's app credentials; their store comes from the global DatabaseModule. */
@Module({
  controllers: [PartnerCenterCredentialsController],
  providers: [PartnerCenterCredentialsService],
  exports: [PartnerCenterCredentialsService],
})
export class PartnerCenterModule {}
