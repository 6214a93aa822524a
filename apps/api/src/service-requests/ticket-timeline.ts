import { Injectable, type MessageEvent } from '@nestjs/common';
import type { Timeline } from '@escalade/contract';
import { EventStore } from '@escalade/event-store';
import { map, type Observable } from 'rxjs';
import type { Principal } from '../auth/principal';
import { resumePosition, tailEvents, toServerSentEvent } from '../events/event-tail';
import { LogHead } from '../events/log-head';
import { timelineEntryOf } from '../events/timeline-entry';
import type { TicketRef } from './ticket-locator';
import { TicketWorkflows } from './ticket-workflow';

/** A ticket's events from the event store: its timeline, and the same live. */
@Injectable()
export class TicketTimeline {
  constructor(
    private readonly workflows: TicketWorkflows,
    private readonly events: EventStore,
    private readonly head: LogHead,
  ) {}

  /** The ticket's events, oldest first, each with a line a coordinator can read. */
  async timeline(principal: Principal, ref: TicketRef): Promise<Timeline> {
    const workflow = await this.workflows.find(principal, ref);
    const { id, partnerTenantId, streamId } = workflow.ticket;
    const recorded = await this.events.readStream(streamId);
    if (recorded.length === 0) await workflow.state(); // 404 when its workflow is gone
    return { id, partnerTenantId, events: recorded.map(timelineEntryOf) };
  }

  /** The ticket's history, then its new events as they are recorded. */
  async stream(principal: Principal, ref: TicketRef, lastEventId?: string): Promise<Observable<MessageEvent>> {
    const workflow = await this.workflows.find(principal, ref);
    const { streamId } = workflow.ticket;
    if ((await this.events.streamVersion(streamId)) === 0) await workflow.state(); // 404 when its workflow is gone
    const after = resumePosition(lastEventId, 0);
    let nextVersion = 1;
    return tailEvents(async () => {
      const batch = await this.events.readStream(streamId, { from: nextVersion });
      nextVersion += batch.length;
      return { events: batch.filter((event) => event.globalPosition > after), more: false };
    }, this.head).pipe(map(toServerSentEvent));
  }
}
