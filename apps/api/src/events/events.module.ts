import { Module } from '@nestjs/common';
import { EventsController } from './events.controller';
import { LogHead } from './log-head';

@Module({ controllers: [EventsController], providers: [LogHead], exports: [LogHead] })
export class EventsModule {}
