import { upsertSearchAttributes } from '@temporalio/workflow';
import { evolveTicket, type ServiceRequestReceived, type Ticket, type TicketAlert, type TicketEvent } from '@escalade/domain';
import type { SentAlertDelivery } from '../activities';
import { searchAttributes } from '../definitions';
import type { TicketJournal } from './ticket-journal';

/**
 * The events that move what a search shows (status, severity, escalation level): the search attributes are upserted as
 * they are applied, before they are recorded. A step's decision (eligibility, access granted) shows once the step it
 * decides starts (`publish`): the order of commands the histories of every ticket so far hold.
 */
const SHOWN_AT_ONCE = new Set<TicketEvent['type']>([
  'AzureAccessAwaited',
  'ResponseDueTimeSet',
  'SeverityChanged',
  'Escalated',
  'MicrosoftResponded',
  'SlaBreachCorrected',
  'ServiceRequestClosed',
]);

/** The ticket's state, changed only by `apply`: each event is folded in, shown to searches and recorded on its stream. */
export class TicketLedger {
  private ticket: Ticket;
  /** The request, recorded with the first events applied (on its own first, for tickets since CANCEL_SAFE_PATCH). */
  private unrecorded: TicketEvent[];

  constructor(
    received: ServiceRequestReceived,
    private readonly journal: TicketJournal,
  ) {
    this.ticket = evolveTicket(undefined, received);
    this.unrecorded = [received];
    this.publish();
  }

  get state(): Ticket {
    return this.ticket;
  }

  /** Not async on purpose: the search attributes and the append are commands issued in the caller's turn. */
  apply(...events: TicketEvent[]): Promise<void> {
    return this.journal.record(...this.fold(events));
  }

  /**
   * Applies the events and records them with the alert that `alertOf` makes of the state they lead to, sent by the same
   * activity once they are stored (see TicketJournal.recordAlerting).
   */
  applyAlerting(alertOf: () => TicketAlert, ...events: TicketEvent[]): { alert: TicketAlert; sent: Promise<SentAlertDelivery[] | undefined> } {
    const recording = this.fold(events);
    const alert = alertOf();
    return { alert, sent: this.journal.recordAlerting(alert, recording) };
  }

  /** Folds the events in and shows them; returns what is to be recorded: them, after what is not recorded yet. */
  private fold(events: TicketEvent[]): TicketEvent[] {
    for (const event of events) this.ticket = evolveTicket(this.ticket, event);
    if (events.some((event) => SHOWN_AT_ONCE.has(event.type))) this.publish();
    const recording = [...this.unrecorded, ...events];
    this.unrecorded = [];
    return recording;
  }

  recordOpening(): Promise<void> {
    return this.apply();
  }

  publish(): void {
    upsertSearchAttributes([
      { key: searchAttributes.severity, value: this.ticket.severity },
      { key: searchAttributes.product, value: this.ticket.product },
      { key: searchAttributes.customer, value: this.ticket.customerDomain },
      { key: searchAttributes.status, value: this.ticket.status },
      { key: searchAttributes.escalationLevel, value: this.ticket.escalationLevel },
    ]);
  }
}
