import {
  ActivityFailure,
  allHandlersFinished,
  ApplicationFailure,
  CancellationScope,
  condition,
  isCancellation,
  log,
  patched,
  proxyActivities,
  setHandler,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import {
  accessTimeoutMs,
  escalationSchedule,
  responseDeadline,
  responseWindow,
  SEVERITIES,
  warningTime,
  type AlertKind,
  type HandoffRejected,
  type TicketEvent,
  type TicketOutcome,
  type TicketState,
} from '@escalade/domain';
import type { HandOffResult, MicrosoftProgressMark, ServiceRequestActivities } from './activities';
import { TicketAlerts } from './ticket-alerts';
import { TicketJournal } from './ticket-journal';
import {
  azureAccessGrantedSignal,
  changeSeverityUpdate,
  closeUpdate,
  MICROSOFT_REJECTION_FAILURE,
  microsoftRespondedSignal,
  searchAttributes,
  type CloseRequest,
  type MicrosoftRejection,
  type MicrosoftResponse,
  type ServiceRequestInput,
  ticketStateQuery,
} from './definitions';

const { checkEligibility, handOffToMicrosoft, sendEscalationAlert } = proxyActivities<ServiceRequestActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

// Runs as long as the ticket waits; the heartbeat tells a crashed worker from a slow Microsoft.
const { watchMicrosoftTicket, watchMicrosoftChanges } = proxyActivities<ServiceRequestActivities>({
  startToCloseTimeout: '7 days',
  heartbeatTimeout: '1 minute',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

/** A reminder half-way through the wait for Azure access. */
export const AZURE_ACCESS_REMINDER_PATCH = 'azure-access-reminder';
/** Microsoft's later notes and status changes, recorded after its first answer. */
export const MICROSOFT_FOLLOW_UP_PATCH = 'microsoft-follow-up';
/** A filing Microsoft rejects closes the ticket as `handoff-rejected` instead of failing the workflow. */
export const HANDOFF_REJECTION_PATCH = 'handoff-rejection';

interface ResponseClock {
  filedAt: Date;
  dueAt: Date;
}

/** What Microsoft said when it rejected an activity's call (see MICROSOFT_REJECTION_FAILURE); undefined for any other failure. */
function microsoftRejection(err: unknown): HandoffRejected['data'] | undefined {
  const cause = err instanceof ActivityFailure ? err.cause : undefined;
  if (!(cause instanceof ApplicationFailure) || cause.type !== MICROSOFT_REJECTION_FAILURE) return undefined;
  const { status, code } = (cause.details?.[0] ?? {}) as Partial<MicrosoftRejection>;
  return { reason: cause.message, status, code };
}

/** Resolves true when the predicate holds, false once `deadline` passes first. */
async function waitUntil(predicate: () => boolean, deadline: Date): Promise<boolean> {
  const remaining = deadline.getTime() - Date.now();
  if (remaining <= 0) return predicate();
  return condition(predicate, remaining);
}

export async function serviceRequestWorkflow({
  id,
  request,
  policy,
  microsoftPollIntervalMs,
}: ServiceRequestInput): Promise<TicketState> {
  const state: TicketState = {
    id,
    workflowId: workflowInfo().workflowId,
    title: request.title,
    product: request.product,
    customer: request.customer.name,
    status: 'checking-eligibility',
    severity: request.severity,
    policyVersion: policy.version,
    receivedAt: new Date().toISOString(),
    breached: false,
    escalationLevel: 0,
    escalations: [],
  };
  let accessGranted = false;
  let response: MicrosoftResponse | undefined;
  let accessGrantedBy: string | undefined;
  const journal = new TicketJournal(id, state.workflowId);
  const alerts = new TicketAlerts(journal);
  /** Tells the alert subscribers; the escalation level tells apart the alerts of one kind. */
  const alert = (kind: AlertKind, summary: string, extra: { level?: number; audience?: string } = {}): void =>
    alerts.send({
      alertKey: [id, kind, extra.level].filter((part) => part !== undefined).join(':'),
      kind,
      ticketId: id,
      severity: state.severity,
      product: request.product,
      customer: { name: request.customer.name, domain: request.customer.domain },
      microsoftTicketId: state.handoff?.microsoftTicketId,
      responseDueAt: state.responseDueAt,
      occurredAt: new Date().toISOString(),
      summary,
      ...extra,
    });
  let closeRequest: CloseRequest | undefined;
  /** Set once the ticket is filed; a severity change moves `dueAt` and raises `clockChanged`. */
  let responseClock: ResponseClock | undefined;
  let clockChanged = false;
  /** What Microsoft's ticket looked like when its answer was read: later notes and status changes are told from it. */
  let microsoftSeen: MicrosoftProgressMark | undefined;

  const publish = (): void =>
    upsertSearchAttributes([
      { key: searchAttributes.severity, value: state.severity },
      { key: searchAttributes.product, value: request.product },
      { key: searchAttributes.customer, value: request.customer.domain },
      { key: searchAttributes.status, value: state.status },
      { key: searchAttributes.escalationLevel, value: state.escalationLevel },
    ]);
  // From the state itself, which gets its filing and due times in the same step as its `awaiting-response` status.
  setHandler(ticketStateQuery, () =>
    state.handoff && state.responseDueAt
      ? { ...state, responseWindow: responseWindow(new Date(state.handoff.filedAt), new Date(state.responseDueAt), policy) }
      : state,
  );
  setHandler(azureAccessGrantedSignal, ({ grantedBy } = {}) => {
    accessGranted = true;
    accessGrantedBy = grantedBy;
  });
  const answered = (answer: MicrosoftResponse): void => {
    if (response || (state.status !== 'handing-off' && state.status !== 'awaiting-response')) return;
    response = answer;
    state.respondedAt = new Date().toISOString();
  };
  setHandler(microsoftRespondedSignal, (answer = {}) => answered(answer));
  setHandler(
    closeUpdate,
    async (close) => {
      closeRequest = close;
      await condition(() => state.status === 'closed');
      return state;
    },
    {
      validator: (close) => {
        if (state.status === 'closed' || closeRequest) throw new Error(`ticket ${id} is already closed`);
        if (!close?.resolution?.trim()) throw new Error('resolution must not be empty');
      },
    },
  );
  setHandler(
    changeSeverityUpdate,
    async ({ severity, reason, changedBy }) => {
      const clock = responseClock as ResponseClock; // the validator lets changes through only once filed
      const from = state.severity;
      clock.dueAt = responseDeadline(clock.filedAt, { ...request, severity }, policy);
      state.severity = severity;
      state.responseDueAt = clock.dueAt.toISOString();
      clockChanged = true;
      publish();
      await journal.record({
        type: 'SeverityChanged',
        data: { from, to: severity, reason, changedBy, responseDueAt: state.responseDueAt },
      });
      return state;
    },
    {
      validator: ({ severity, reason, changedBy }) => {
        if (state.status !== 'awaiting-response' || !responseClock) {
          throw new Error(`severity changes only while Microsoft's response is awaited; the ticket is ${state.status}`);
        }
        if (!SEVERITIES.includes(severity)) throw new Error(`severity must be one of ${SEVERITIES.join(', ')}`);
        if (severity === state.severity) throw new Error(`severity is already ${severity}`);
        if (!reason?.trim() || !changedBy?.trim()) throw new Error('reason and changedBy are required');
      },
    },
  );
  publish();

  const received = (): TicketEvent => ({
    type: 'ServiceRequestReceived',
    data: {
      ticketId: id,
      title: request.title,
      product: request.product,
      category: request.category,
      severity: request.severity,
      incidentType: request.incidentType,
      language: request.language,
      customer: { tenantId: request.customer.tenantId, domain: request.customer.domain, name: request.customer.name },
      partner: { tenantId: request.partner.tenantId, name: request.partner.name },
      policyVersion: policy.version,
      receivedAt: state.receivedAt,
    },
  });

  /** Runs the ticket from eligibility to the point where it can close, and says how it ends. */
  async function lifecycle(): Promise<TicketOutcome> {
    state.eligibility = await checkEligibility(request);
    await journal.record(received(), { type: 'EligibilityDecided', data: state.eligibility });
    const { decision } = state.eligibility;
    if (decision === 'refused' || decision === 'redirected') return decision;
    if (decision === 'needs-access') {
      state.status = 'awaiting-access';
      publish();
      const accessTimeout = new Date(Date.now() + accessTimeoutMs(policy));
      const timesOutAt = accessTimeout.toISOString();
      await journal.record({ type: 'AzureAccessAwaited', data: { timesOutAt } });
      const accessOrClose = () => accessGranted || !!closeRequest;
      // Added after tickets were already waiting: those replay without the reminder's timer (see README, versioning).
      if (patched(AZURE_ACCESS_REMINDER_PATCH)) {
        const remindAt = new Date(Date.now() + accessTimeoutMs(policy) / 2);
        if (!(await waitUntil(accessOrClose, remindAt))) {
          await journal.record({ type: 'AzureAccessReminded', data: { timesOutAt } });
        }
      }
      if (!(await waitUntil(accessOrClose, accessTimeout))) return 'access-timed-out';
      if (closeRequest) return 'resolved';
      state.eligibility = {
        decision: 'eligible',
        reason: "The indirect provider granted access to the customer's Azure account",
      };
      await journal.record({ type: 'AzureAccessGranted', data: { grantedBy: accessGrantedBy } });
    }
    if (closeRequest) return 'resolved';

    state.status = 'handing-off';
    publish();
    const filed = await handOff();
    if (!filed) return 'handoff-rejected';
    const { target, microsoftTicketId } = filed;
    const filedAt = new Date();
    const dueAt = responseDeadline(filedAt, request, policy);
    state.handoff = { ...target, microsoftTicketId, filedAt: filedAt.toISOString() };
    const responseDueAt = dueAt.toISOString();
    state.responseDueAt = responseDueAt;
    state.status = 'awaiting-response';
    publish();
    await journal.record(
      { type: 'HandedOff', data: { portal: target.portal, url: target.url, context: target.context, microsoftTicketId, filedAt: state.handoff.filedAt } },
      { type: 'ResponseDueTimeSet', data: { severity: state.severity, responseDueAt } },
    );

    const watcher = microsoftPollIntervalMs ? watchForAnswer(microsoftTicketId, microsoftPollIntervalMs) : undefined;
    responseClock = { filedAt, dueAt };
    await awaitResponse(responseClock, microsoftTicketId);
    watcher?.cancel();
    if (response && state.respondedAt) {
      state.status = 'responded';
      publish();
      const late = state.respondedAt > (state.responseDueAt ?? responseDueAt);
      await journal.record({ type: 'MicrosoftResponded', data: { respondedAt: state.respondedAt, late, ...response } });
      alert('response', `Microsoft ${response.attentionNeeded ? 'needs information on' : 'responded to'} ticket ${id}${late ? ' (late)' : ''}`);
    }
    // Added after tickets were already answered and waiting for closure: those replay without following Microsoft.
    if (microsoftPollIntervalMs && microsoftSeen && patched(MICROSOFT_FOLLOW_UP_PATCH)) {
      await followMicrosoft(microsoftTicketId, microsoftPollIntervalMs, microsoftSeen);
    }
    await condition(() => !!closeRequest);
    return 'resolved';
  }

  /** Files the ticket with Microsoft; undefined once Microsoft has rejected the filing, which is recorded. */
  async function handOff(): Promise<HandOffResult | undefined> {
    try {
      return await handOffToMicrosoft({ ticketId: id, request });
    } catch (err) {
      const rejection = microsoftRejection(err);
      // Added after tickets had failed on a rejection: their histories replay failing as they did (see README, versioning).
      if (!rejection || !patched(HANDOFF_REJECTION_PATCH)) throw err;
      await journal.record({ type: 'HandoffRejected', data: rejection });
      return undefined;
    }
  }

  /**
   * Waits for Microsoft's answer (or closure) through the warning, the breach and each ladder level, each
   * once; a severity change moves the due time and wakes the wait, so every mark is re-timed from it.
   */
  async function awaitResponse(clock: ResponseClock, microsoftTicketId: string): Promise<void> {
    const answeredOrClosed = () => !!response || !!closeRequest;
    const woken = () => answeredOrClosed() || clockChanged;
    let levelsRaised = 0;
    for (;;) {
      clockChanged = false;
      if (answeredOrClosed()) return;
      const { filedAt, dueAt } = clock;
      const responseDueAt = dueAt.toISOString();
      if (!state.warnedAt && !state.breached && Date.now() < dueAt.getTime()) {
        const warnAt = warningTime(filedAt, dueAt, policy);
        if (await waitUntil(woken, warnAt)) continue;
        state.warnedAt = warnAt.toISOString(); // the mark itself, as breachedAt is the due time
        // The alert goes out while the event is being stored: subscribers hear of it without waiting on our database.
        const recorded = journal.record({ type: 'BreachWarningRaised', data: { responseDueAt } });
        alert('warning', `Ticket ${id} (severity ${state.severity}) has had no answer from Microsoft; due by ${responseDueAt}`);
        await recorded;
        continue;
      }
      if (!state.breached) {
        if (await waitUntil(woken, dueAt)) continue;
        state.breached = true;
        state.breachedAt = responseDueAt;
        const recorded = journal.record({ type: 'SlaBreached', data: { responseDueAt } });
        alert('breach', `Ticket ${id} (severity ${state.severity}) breached its response target: due by ${responseDueAt}`);
        await recorded;
        continue;
      }
      const level = escalationSchedule(filedAt, dueAt, policy)[levelsRaised];
      if (!level) {
        await condition(woken);
        continue;
      }
      if (await waitUntil(woken, level.at)) continue;
      await escalate(level.level, level.audience, microsoftTicketId, responseDueAt);
      levelsRaised += 1;
    }
  }

  /** Reads Microsoft's answer back from Partner Center while the ticket waits; a coordinator's signal works too. */
  function watchForAnswer(microsoftTicketId: string, pollIntervalMs: number): CancellationScope {
    const scope = new CancellationScope();
    scope
      .run(() => watchMicrosoftTicket({ microsoftTicketId, pollIntervalMs }))
      .then((answer) => {
        microsoftSeen = answer.seen;
        answered({ note: answer.note, respondedBy: answer.answeredBy, attentionNeeded: answer.kind === 'attention-needed' });
      })
      .catch((err: unknown) => {
        if (!isCancellation(err)) log.warn('watching Microsoft for an answer failed; a coordinator can still record it', { err });
      });
    return scope;
  }

  /** Records each later note and status change from Microsoft until the ticket is closed. */
  async function followMicrosoft(microsoftTicketId: string, pollIntervalMs: number, from: MicrosoftProgressMark): Promise<void> {
    let seen = from;
    const closed = condition(() => !!closeRequest);
    while (!closeRequest) {
      const scope = new CancellationScope();
      const watching = scope.run(() => watchMicrosoftChanges({ microsoftTicketId, pollIntervalMs, seen }));
      const changes = await Promise.race([watching, closed.then(() => undefined)]).catch((err: unknown) => {
        log.warn('following Microsoft failed; a coordinator can still close the ticket', { err });
        return undefined;
      });
      if (!changes) {
        scope.cancel();
        watching.catch(() => undefined); // its cancellation is expected
        return;
      }
      for (const note of changes.newNotes) {
        await journal.record({ type: 'MicrosoftNoteAdded', data: { text: note.text, by: note.createdByName, at: note.createdDate } });
      }
      if (changes.status !== seen.status) {
        await journal.record({ type: 'MicrosoftStatusChanged', data: { status: changes.status } });
      }
      seen = changes.seen;
    }
  }

  // The breach instant is the due time itself, so `breachedAt` and `responseDueAt` are the same.
  async function escalate(level: number, audience: string, microsoftTicketId: string, responseDueAt: string): Promise<void> {
    const raisedAt = new Date().toISOString();
    state.escalationLevel = level;
    state.escalations.push({ level, audience, at: raisedAt });
    publish();
    const recorded = journal.record({ type: 'Escalated', data: { level, audience } });
    alert('escalation', `Ticket ${id} escalated to level ${level} (${audience}): no answer from Microsoft by ${responseDueAt}`, {
      level,
      audience,
    });
    await recorded;
    await sendEscalationAlert({
      alertId: `${id}:escalation:${level}`,
      ticketId: id,
      workflowId: state.workflowId,
      level,
      audience,
      severity: state.severity,
      product: request.product,
      customer: request.customer.name,
      microsoftTicketId,
      responseDueAt,
      breachedAt: responseDueAt,
      raisedAt,
    });
  }

  let outcome: TicketOutcome;
  try {
    outcome = await lifecycle();
  } catch (err) {
    if (!isCancellation(err)) throw err;
    outcome = 'cancelled';
  }
  state.status = 'closed';
  state.outcome = outcome;
  state.closedAt = new Date().toISOString();
  state.resolution = closeRequest?.resolution;
  state.targetMet = state.responseDueAt ? !state.breached : null;
  publish();
  const { outcome: closedAs, resolution, targetMet, closedAt } = state;
  await CancellationScope.nonCancellable(async () => {
    await journal.record({ type: 'ServiceRequestClosed', data: { outcome: closedAs, resolution, targetMet, closedAt } });
    alert('closure', `Ticket ${id} closed: ${closedAs}${resolution ? ` — ${resolution}` : ''}`);
    await alerts.settled();
    // Lets a pending `close` update return the final state before the workflow completes.
    await condition(allHandlersFinished);
  });
  return state;
}
