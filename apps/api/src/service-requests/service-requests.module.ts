import { Module } from '@nestjs/common';
import { EventsModule } from '../events/events.module';
import { ServiceRequestsController } from './service-requests.controller';
import { StoredTicketStates } from './stored-ticket-states';
import { TicketCommands } from './ticket-commands';
import { TicketLocator } from './ticket-locator';
import { TicketOpener } from './ticket-opener';
import { TicketQueries } from './ticket-queries';
import { TicketTimeline } from './ticket-timeline';
import { TicketWorkflows } from './ticket-workflow';

@Module({
  imports: [EventsModule],
  controllers: [ServiceRequestsController],
  providers: [TicketOpener, TicketCommands, TicketQueries, TicketTimeline, TicketWorkflows, TicketLocator, StoredTicketStates],
})
export class ServiceRequestsModule {}
