import { proxyActivities } from '@temporalio/workflow';
import type { TicketEvent } from '@escalade/domain';
import type { ServiceRequestActivities } from './activities';
import { ticketStreamId } from './definitions';

const { recordTicketEvents } = proxyActivities<ServiceRequestActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

/**
 * Writes the ticket's events to its stream, in order. The workflow is the stream's only writer, so it
 * knows the next version; event ids are derived from it, so a retried or replayed append stores nothing twice.
 */
export class TicketJournal {
  private version = 0;

  constructor(
    private readonly ticketId: string,
    private readonly workflowId: string,
  ) {}

  async record(...events: TicketEvent[]): Promise<void> {
    const streamId = ticketStreamId(this.ticketId);
    const expectedStreamVersion = this.version;
    this.version += events.length;
    await recordTicketEvents({
      streamId,
      workflowId: this.workflowId,
      expectedStreamVersion,
      events: events.map((event, i) => ({ ...event, eventId: `${streamId}:${expectedStreamVersion + i + 1}` })),
    });
  }
}
