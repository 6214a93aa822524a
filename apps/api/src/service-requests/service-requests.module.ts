import { Module } from '@nestjs/common';
import { ServiceRequestsController } from './service-requests.controller';
import { ServiceRequestsService } from './service-requests.service';
import { TicketLocator } from './ticket-locator';

@Module({
  controllers: [ServiceRequestsController],
  providers: [ServiceRequestsService, TicketLocator],
})
export class ServiceRequestsModule {}
