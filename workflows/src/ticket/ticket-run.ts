import { log, patched, workflowInfo } from '@temporalio/workflow';
import {
  recordableRequest,
  requestReceived,
  serviceRequestProblems,
  type AlertKind,
  type EligibilityDecision,
  type ServiceRequest,
  type SlaPolicy,
  type TicketAlert,
  type TicketEvent,
  type TicketState,
} from '@escalade/domain';
import type { SentAlertDelivery } from '../activities';
import type { ServiceRequestInput } from '../definitions';
import { CANCEL_SAFE_PATCH, FEWER_ROUND_TRIPS_PATCH, INTAKE_CHECK_PATCH, RECORDED_CLOCK_PATCH } from '../patches';
import { MicrosoftInStep } from './microsoft-in-step';
import { TicketAlerts } from './ticket-alerts';
import { TicketInbox } from './ticket-inbox';
import { TicketJournal } from './ticket-journal';
import { TicketLedger } from './ticket-ledger';

/** Set at the filing: Microsoft's ticket, how it is followed and where the SLA facts come from. */
export interface Filing {
  microsoftTicketId: string;
  followedByPoller: boolean;
  slaFromSource: boolean;
}

/** One run of a ticket's workflow: its request and policy, its state (the ledger), its inbox and its outbound channels. */
export class TicketRun {
  readonly id: string;
  /** Unique among all partners' tickets, unlike `id`: what names the stream, alerts, notes and filing. */
  readonly key: string;
  readonly workflowId = workflowInfo().workflowId;
  readonly request: ServiceRequest;
  readonly policy: SlaPolicy;
  readonly microsoftPollIntervalMs?: number;
  /** As decided when the ticket was opened (absent on tickets opened before: an activity decides). */
  readonly eligibility?: EligibilityDecision;
  /** Why a malformed request is refused (checked before anything reads it); empty for tickets from before the check. */
  readonly intakeProblems: string[];
  readonly cancelSafe: boolean;
  /** Since FEWER_ROUND_TRIPS_PATCH. */
  readonly fewerRoundTrips: boolean;
  readonly ticket: TicketLedger;
  readonly inbox = new TicketInbox();
  readonly alerts: TicketAlerts;
  readonly inStep: MicrosoftInStep;
  journalFault?: string;
  filing?: Filing;
  /** The response wait has started: a severity change can re-time it. */
  awaitingResponse = false;
  /** The follow-up targets run (since FOLLOW_UP_TARGETS_PATCH): a severity change can re-time them too. */
  followingUp = false;

  constructor({ id, key, request, policy, eligibility, microsoftPollIntervalMs }: ServiceRequestInput) {
    const problems = serviceRequestProblems(request);
    this.intakeProblems = problems.length > 0 && patched(INTAKE_CHECK_PATCH) ? problems : [];
    this.request = this.intakeProblems.length > 0 ? recordableRequest(request) : request;
    this.id = id;
    this.key = key ?? id;
    this.policy = policy;
    this.microsoftPollIntervalMs = microsoftPollIntervalMs;
    this.eligibility = eligibility;
    this.cancelSafe = patched(CANCEL_SAFE_PATCH);
    this.fewerRoundTrips = patched(FEWER_ROUND_TRIPS_PATCH);
    const journal = new TicketJournal(this.key, this.workflowId, {
      nonCancellable: this.cancelSafe,
      onFault: (reason) => {
        this.journalFault = reason;
        log.error('the ticket stream refused its events; the ticket goes on without recording them', { reason });
      },
    });
    // Received when Temporal accepted the request (in the history), not when a task first ran it (which a replay may read later).
    const receivedAt = patched(RECORDED_CLOCK_PATCH) ? workflowInfo().startTime : new Date();
    const received = requestReceived({ id, key, policyVersion: policy.version, receivedAt }, this.request);
    this.ticket = new TicketLedger(received, journal);
    this.alerts = new TicketAlerts(this.ticket);
    this.inStep = new MicrosoftInStep(this.key, this.ticket);
  }

  view(): TicketState {
    return { ...this.ticket.state, workflowId: this.workflowId, ...(this.journalFault ? { journalFault: this.journalFault } : {}) };
  }

  /** Tells the alert subscribers; the escalation level tells apart the alerts of one kind. */
  private alert(kind: AlertKind, summary: string, details: AlertDetails = {}): void {
    this.alerts.send(this.alertOf(kind, summary, details));
  }

  /**
   * Applies the events and tells the alert subscribers of them, the summary made from the state they lead to. Since
   * FEWER_ROUND_TRIPS_PATCH one activity stores them and then sends the alert (an SLA mark's alert goes out beside the
   * append); before it the alert went out beside the append, or after it (`before`), as each ticket's history holds.
   */
  async raise(events: TicketEvent[], kind: AlertKind, summary: () => string, before: 'beside' | 'after', details: AlertDetails = {}): Promise<void> {
    if (this.fewerRoundTrips && !SENT_BESIDE_THE_APPEND.has(kind)) {
      const { alert, sent } = this.ticket.applyAlerting(() => this.alertOf(kind, summary(), details), ...events);
      this.alerts.send(alert, sent);
      await sent;
    } else if (before === 'after') {
      await this.ticket.apply(...events);
      this.alert(kind, summary(), details);
    } else {
      const recorded = this.ticket.apply(...events);
      this.alert(kind, summary(), details);
      await recorded;
    }
  }

  /** Applies the events of an alert that an activity has already sent (its first tries): they are recorded after it. */
  async recordSent(events: TicketEvent[], alert: TicketAlert, firstTries: SentAlertDelivery[]): Promise<void> {
    const recorded = this.ticket.apply(...events);
    this.alerts.send(alert, Promise.resolve(firstTries));
    await recorded;
  }

  /** The alert of the ticket as it stands. */
  alertOf(kind: AlertKind, summary: string, { key, ...extra }: AlertDetails = {}): TicketAlert {
    const ticket = this.ticket.state;
    return {
      alertKey: key ?? [this.key, kind, extra.level].filter((part) => part !== undefined).join(':'),
      kind,
      ticketId: this.id,
      partnerTenantId: this.request.partner.tenantId.toLowerCase(),
      severity: ticket.severity,
      product: this.request.product,
      customer: { name: this.request.customer.name, domain: this.request.customer.domain },
      microsoftTicketId: ticket.handoff?.microsoftTicketId,
      responseDueAt: ticket.responseDueAt,
      occurredAt: new Date().toISOString(),
      summary,
      ...extra,
    };
  }
}

/**
 * The SLA marks: their alerts are judged on how soon they leave, so they go out beside their append rather than after
 * every append queued before it (a severity change's, the mark before).
 */
const SENT_BESIDE_THE_APPEND: ReadonlySet<AlertKind> = new Set<AlertKind>([
  'warning',
  'breach',
  'escalation',
  'update-warning',
  'update-breach',
  'update-escalation',
  'reply-warning',
  'reply-breach',
  'resolution-breach',
]);

/** An escalation's level and audience; `key` names an alert shared by tickets (one outage blocking many). */
interface AlertDetails {
  level?: number;
  audience?: string;
  key?: string;
}
