// What the workflow asks of the outside world; the worker implements it, the workflow imports only these types.
import type { EligibilityDecision, HandoffTarget, ServiceRequest, Severity, TicketAlert, TicketEvent } from '@escalade/domain';

export interface HandOffInput {
  ticketId: string;
  request: ServiceRequest;
  /** Once filed, the watch poller follows Microsoft's ticket for this workflow (tickets since FEWER_ROUND_TRIPS_PATCH). */
  followFor?: { workflowId: string };
}

export interface HandOffResult {
  target: HandoffTarget;
  microsoftTicketId: string;
  /** When Microsoft created the ticket, by its clock (absent from results recorded before it was returned). */
  filedAt?: string;
}

/** What `sendEscalationAlert` took: kept for the histories that scheduled it (see ONE_ALERT_PATH_PATCH). */
export interface EscalationAlert {
  /** Stable per ticket and level. */
  alertId: string;
  ticketId: string;
  workflowId: string;
  level: number;
  audience: string;
  severity: Severity;
  product: string;
  customer: string;
  microsoftTicketId?: string;
  responseDueAt: string;
  breachedAt: string;
  raisedAt: string;
}

export interface RecordTicketEventsInput {
  streamId: string;
  workflowId: string;
  /** The stream's version before these events: the workflow is its only writer. */
  expectedStreamVersion: number;
  events: Array<TicketEvent & { eventId: string }>;
  /** Sent once the events are stored, by the same activity: its deliveries' first tries (tickets since FEWER_ROUND_TRIPS_PATCH). */
  alert?: TicketAlert;
}

export interface WatchMicrosoftTicketInput {
  microsoftTicketId: string;
  pollIntervalMs: number;
}

/** The ticket at Microsoft: its status and how many notes it has, so later changes can be told apart. */
export interface MicrosoftProgressMark {
  status: string;
  noteCount: number;
}

/** Microsoft's first engagement with the ticket, as the watching activity found it. */
export interface MicrosoftAnswer {
  kind: 'responded' | 'attention-needed';
  answeredAt: string;
  note?: string;
  answeredBy?: string;
  seen: MicrosoftProgressMark;
}

export interface MicrosoftChanges {
  status: string;
  newNotes: Array<{ text: string; createdByName: string; createdDate: string }>;
  seen: MicrosoftProgressMark;
}

/** A filed ticket the worker's watch poller is to follow at Microsoft, signalling its workflow on each change. */
export interface MicrosoftWatchInput {
  ticketId: string;
  workflowId: string;
  microsoftTicketId: string;
}

export interface ServiceRequestActivities {
  checkEligibility(request: ServiceRequest): Promise<EligibilityDecision>;
  handOffToMicrosoft(input: HandOffInput): Promise<HandOffResult>;
  /**
   * Only logs: the escalation goes out through the alert subscriptions (prepareAlertDeliveries) like every alert.
   * Called only by histories from before ONE_ALERT_PATH_PATCH; it stays registered so that they replay and finish.
   */
  sendEscalationAlert(alert: EscalationAlert): Promise<void>;
  /** Stores the events; then, given an alert, sends it as `sendAlert` does and returns its first tries (else none). */
  recordTicketEvents(input: RecordTicketEventsInput): Promise<SentAlertDelivery[] | void>;
  /** One delivery per matching subscription (none again for a retried call); returns their ids. */
  prepareAlertDeliveries(alert: TicketAlert): Promise<string[]>;
  /**
   * The deliveries of `prepareAlertDeliveries`, each attempted once at once (none again once delivered, for a retried
   * call): which were delivered; the others are retried by `attemptAlertDelivery`.
   */
  sendAlert(alert: TicketAlert): Promise<SentAlertDelivery[]>;
  /** One signed POST to the subscriber; fails (for Temporal to retry with back-off) unless delivered. */
  attemptAlertDelivery(deliveryId: string): Promise<void>;
  markAlertDeliveryDead(input: { deliveryId: string; reason: string }): Promise<void>;
  /** Starts the watch poller following the ticket (idempotent); changes then arrive as `microsoftTicketUpdated` signals. */
  followMicrosoftTicket(input: MicrosoftWatchInput): Promise<void>;
  /** Stops following it (idempotent): the ticket is closed. */
  unfollowMicrosoftTicket(input: { microsoftTicketId: string }): Promise<void>;
  /** Adds our note to Microsoft's ticket, once per `ref` however often retried. */
  sendNoteToMicrosoft(input: { microsoftTicketId: string; text: string; ref: string }): Promise<void>;
  /** Closes Microsoft's ticket unless Microsoft already has (idempotent); `unfollow`: the watch poller stops following it first. */
  closeMicrosoftTicket(input: { microsoftTicketId: string; unfollow?: boolean }): Promise<'closed' | 'already-closed'>;
  /**
   * Echoes the workflow task's time (epoch ms): run as a local activity, its answer is recorded in the history, so a
   * replay reads the time the run read, whatever its own task's time.
   */
  recordTaskTime(taskTime: number): Promise<number>;
  /**
   * At the due time (tickets since FEWER_ROUND_TRIPS_PATCH): one read of the ticket at Microsoft and, unless it has
   * answered, the breach alert sent at once (as `sendAlert` does). A Microsoft that cannot be read within seconds does
   * not hold the alert back: the breach is corrected later if its answer was in time.
   */
  alertBreachUnlessAnswered(input: { microsoftTicketId: string; alert: TicketAlert }): Promise<BreachReading>;
  /** One read of the ticket at Microsoft: its first answer, if any. Asked at the due time, before a breach is declared. */
  checkMicrosoftAnswer(input: { microsoftTicketId: string }): Promise<MicrosoftAnswer | undefined>;
  /**
   * Before the watch poller (tickets started earlier still run it): polls Microsoft (heartbeating) until it answers
   * the ticket; cancelled once the wait ends otherwise.
   */
  watchMicrosoftTicket(input: WatchMicrosoftTicketInput): Promise<MicrosoftAnswer>;
  /** Polls (heartbeating) until Microsoft adds a note or changes the status after `seen`. */
  watchMicrosoftChanges(input: WatchMicrosoftTicketInput & { seen: MicrosoftProgressMark }): Promise<MicrosoftChanges>;
}

/** What the due time's read of Microsoft found: its answer, or none and the breach alert's first tries. */
export type BreachReading = { answer: MicrosoftAnswer } | { sent: SentAlertDelivery[] };

/** A delivery of an alert after its first attempt. */
export interface SentAlertDelivery {
  deliveryId: string;
  delivered: boolean;
  /** Not attempted: held for its recipient's quiet hours until this instant (ISO), their next opening. */
  heldUntil?: string;
}
