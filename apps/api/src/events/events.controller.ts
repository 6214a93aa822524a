import { Controller, Headers, type MessageEvent, Query, Sse } from '@nestjs/common';
import { ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import { map, type Observable } from 'rxjs';
import { EventStore } from '@escalade/event-store';
import { EventStreamQuery } from './dto/event-stream.query';
import { resumePosition, tailEvents, toServerSentEvent } from './event-tail';

@ApiTags('events')
@Controller('events')
export class EventsController {
  constructor(private readonly events: EventStore) {}

  @Sse('stream')
  @ApiOperation({
    summary: 'Server-Sent Events: every ticket event from now on (or after `after`, or after Last-Event-ID), live',
  })
  @ApiHeader({ name: 'last-event-id', required: false, description: 'Resume after this position (browsers send it on reconnection)' })
  async stream(
    @Query() query: EventStreamQuery,
    @Headers('last-event-id') lastEventId?: string,
  ): Promise<Observable<MessageEvent>> {
    let after = resumePosition(lastEventId, query.after ?? (await this.events.headPosition()));
    return tailEvents(async () => {
      const batch = await this.events.readAll({ after, limit: 500 });
      after = batch.at(-1)?.globalPosition ?? after;
      return batch;
    }).pipe(map(toServerSentEvent));
  }
}
