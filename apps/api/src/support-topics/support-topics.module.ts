import { Module } from '@nestjs/common';
import { SupportTopicsController } from './support-topics.controller';
import { SupportTopicsService } from './support-topics.service';

/** Partner Center's support topics, for the console's intake form. */
@Module({ controllers: [SupportTopicsController], providers: [SupportTopicsService] })
export class SupportTopicsModule {}
