import { Controller, Headers, type MessageEvent, Query, Req, Sse } from '@nestjs/common';
import type { Request } from 'express';
import { ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import { map, type Observable } from 'rxjs';
import { EventStore } from '@escalade/event-store';
import { TicketsQuery } from '@escalade/persistence';
import { CurrentPrincipal } from '../auth/auth.decorators';
import { LiveStreams } from '../shutdown/live-streams';
import { partnerTenantsOf, type Principal } from '../auth/principal';
import { EventStreamQuery } from './dto/event-stream.query';
import { EventVisibility } from './event-visibility';
import { resumePosition, tailEvents, toServerSentEvent } from './event-tail';
import { LogHead } from './log-head';

const PAGE_SIZE = 500;

@ApiTags('events')
@Controller('events')
export class EventsController {
  constructor(
    private readonly events: EventStore,
    private readonly tickets: TicketsQuery,
    private readonly liveStreams: LiveStreams,
    private readonly head: LogHead,
  ) {}

  @Sse('stream')
  @ApiOperation({
    summary:
      "Server-Sent Events: every event of your partner tenants' tickets from now on (or after `after`, or after Last-Event-ID), live",
  })
  @ApiHeader({ name: 'last-event-id', required: false, description: 'Resume after this position (browsers send it on reconnection)' })
  async stream(
    @CurrentPrincipal() principal: Principal,
    @Req() request: Request,
    @Query() query: EventStreamQuery,
    @Headers('last-event-id') lastEventId?: string,
  ): Promise<Observable<MessageEvent>> {
    let after = resumePosition(lastEventId, query.after ?? (await this.events.headPosition()));
    const visibility = new EventVisibility(partnerTenantsOf(principal), this.tickets);
    const tail = tailEvents(async () => {
      const batch = await this.events.readAll({ after, limit: PAGE_SIZE });
      const events = await visibility.visible(batch);
      after = batch.at(-1)?.globalPosition ?? after;
      return { events, more: batch.length === PAGE_SIZE };
    }, this.head);
    return this.liveStreams.open(tail, request).pipe(map(toServerSentEvent));
  }
}
