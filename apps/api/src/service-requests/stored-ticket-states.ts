import { Injectable } from '@nestjs/common';
import { TicketPolicy } from '@escalade/config';
import { foldTicket, responseWindow, type Ticket, type TicketEvent, type TicketState } from '@escalade/domain';
import { EventStore, type RecordedEvent } from '@escalade/event-store';
import { JournalFaultStore } from '@escalade/persistence';
import { unavailableDependency } from '../errors/dependency-unavailable';
import type { LocatedTicket } from './ticket-locator';

/**
 * A ticket as its stored events make it: its stream read (one indexed query) and folded by the same evolveTicket as its
 * workflow, so a page of tickets costs the worker nothing. Undefined where only the workflow can tell (see README's
 * "Reading a ticket"): nothing stored yet, a stream that refused events, another policy than the API's, or the database
 * down.
 */
@Injectable()
export class StoredTicketStates {
  constructor(
    private readonly events: EventStore,
    private readonly journalFaults: JournalFaultStore,
    private readonly policy: TicketPolicy,
  ) {}

  async read({ streamId, workflowId }: LocatedTicket): Promise<TicketState | undefined> {
    const stored = await this.storedEvents(streamId);
    if (!stored) return undefined;
    const { recorded, faulted } = stored;
    if (recorded.length === 0 || faulted) return undefined;
    const ticket = foldedOrUndefined(recorded as unknown as TicketEvent[]);
    if (!ticket) return undefined;
    const { handoff, responseDueAt } = ticket;
    if (!handoff || !responseDueAt) return { ...ticket, workflowId };
    // The window's marks come from the policy the ticket runs under: drawn here only when it is the API's own.
    if (ticket.policyVersion !== this.policy.sla.version) return undefined;
    return { ...ticket, workflowId, responseWindow: responseWindow(new Date(handoff.filedAt), new Date(responseDueAt), this.policy.sla) };
  }

  /** Undefined while the database is down: a ticket's state is then its workflow's, as it needs only Temporal. */
  private async storedEvents(streamId: string): Promise<{ recorded: RecordedEvent[]; faulted: boolean } | undefined> {
    try {
      const [recorded, faulted] = await Promise.all([this.events.readStream(streamId), this.journalFaults.has(streamId)]);
      return { recorded, faulted };
    } catch (err) {
      if (unavailableDependency(err) === 'database') return undefined;
      throw err;
    }
  }
}

/** A stream the fold refuses (the read model parks such events) is left to the workflow, which holds the ticket. */
function foldedOrUndefined(events: TicketEvent[]): Ticket | undefined {
  try {
    return foldTicket(events);
  } catch {
    return undefined;
  }
}
