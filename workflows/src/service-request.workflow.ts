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
  decideOnAnswer,
  escalationSchedule,
  responseDeadline,
  recordableRequest,
  responseWindow,
  serviceRequestProblems,
  SEVERITIES,
  timeFromSource,
  warningTime,
  type AlertKind,
  type Handoff,
  type HandoffRejected,
  type TicketEvent,
  type TicketOutcome,
  type TicketState,
} from '@escalade/domain';
import type { HandOffResult, MicrosoftAnswer, MicrosoftProgressMark, ServiceRequestActivities } from './activities';
import { TicketAlerts } from './ticket-alerts';
import { blockedRetryDelayMs, handoffBlockage } from './handoff-blocked';
import { MicrosoftInStep } from './microsoft-in-step';
import { TicketJournal } from './ticket-journal';
import {
  azureAccessGrantedSignal,
  changeSeverityUpdate,
  closeUpdate,
  MICROSOFT_REJECTION_FAILURE,
  microsoftRespondedSignal,
  microsoftTicketUpdatedSignal,
  searchAttributes,
  sendNoteUpdate,
  type AccessGrant,
  type CloseRequest,
  type HandoffBlockage,
  type MicrosoftRejection,
  type MicrosoftResponse,
  type MicrosoftTicketUpdate,
  type ServiceRequestInput,
  ticketStateQuery,
} from './definitions';

// Short time-outs: an attempt lost with a crashed worker is only retried once its time-out has passed.
const { checkEligibility, sendEscalationAlert, followMicrosoftTicket, unfollowMicrosoftTicket } = proxyActivities<ServiceRequestActivities>({
  startToCloseTimeout: '10 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

// Partner Center's client gives up on a call after 15 s.
const { handOffToMicrosoft } = proxyActivities<ServiceRequestActivities>({
  startToCloseTimeout: '20 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

// Asked once at the due time: a Microsoft that cannot be read within seconds leaves the breach to be corrected later.
const { checkMicrosoftAnswer } = proxyActivities<ServiceRequestActivities>({
  startToCloseTimeout: '10 seconds',
  retry: { initialInterval: '1 second', maximumAttempts: 3 },
});

/**
 * The polling activities of tickets started before the watch poller: they run as long as the ticket waits; the
 * heartbeat, a few poll intervals long, tells a crashed worker from a slow Microsoft, so another worker takes over soon.
 */
function pollingActivities(pollIntervalMs: number) {
  return proxyActivities<ServiceRequestActivities>({
    startToCloseTimeout: '7 days',
    heartbeatTimeout: Math.max(3 * pollIntervalMs, 5_000),
    retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
  });
}

/** A reminder half-way through the wait for Azure access. */
export const AZURE_ACCESS_REMINDER_PATCH = 'azure-access-reminder';
/** Microsoft's later notes and status changes, recorded after its first answer. */
export const MICROSOFT_FOLLOW_UP_PATCH = 'microsoft-follow-up';
/** A filing Microsoft rejects closes the ticket as `handoff-rejected` instead of failing the workflow. */
export const HANDOFF_REJECTION_PATCH = 'handoff-rejection';
/**
 * Cancelling at any moment loses nothing: the request is recorded before eligibility, event appends and the filing run
 * to their end, so the ticket's stream always holds its first event and its closure.
 */
export const CANCEL_SAFE_PATCH = 'cancel-safe';
/**
 * The SLA facts from their source, whatever order the workflow learns things in: the clock starts at Microsoft's
 * creation time; Microsoft is read again at the due time before a breach; the verdict is taken from Microsoft's own
 * answer time: a late answer always breaches (with the ladder levels due by then), and a breach raised before an
 * in-time answer was known is corrected; `targetMet` is set with the answer.
 */
export const SLA_FROM_SOURCE_PATCH = 'sla-from-source';
/** Microsoft followed by the worker's watch poller (signals), instead of a polling activity holding a worker slot. */
export const MICROSOFT_WATCH_POLLER_PATCH = 'microsoft-watch-poller';
/** Microsoft's ticket kept in step with ours: told of a severity change, closed with ours. */
export const MICROSOFT_IN_STEP_PATCH = 'microsoft-in-step';
/** A filing our credentials cannot make waits and tries again, the ticket `handing-off`, instead of failing for good. */
export const HANDOFF_BLOCKED_PATCH = 'handoff-blocked';
/** A request the domain finds malformed is refused with its problems named, instead of failing its steps for good. */
export const INTAKE_CHECK_PATCH = 'intake-check';

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
  key: scopedKey,
  request: submitted,
  policy,
  microsoftPollIntervalMs,
}: ServiceRequestInput): Promise<TicketState> {
  // Checked before anything reads the request: a malformed one would otherwise fail an activity or the fold for good.
  const intakeProblems = serviceRequestProblems(submitted);
  const refusedAtIntake = intakeProblems.length > 0 && patched(INTAKE_CHECK_PATCH);
  const request = refusedAtIntake ? recordableRequest(submitted) : submitted;
  /** Unique among all partners' tickets, unlike `id`: what names the stream, alerts, notes and filing. */
  const ticketKey = scopedKey ?? id;
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
  const cancelSafe = patched(CANCEL_SAFE_PATCH);
  let accessGranted = false;
  let response: MicrosoftResponse | undefined;
  /** When the workflow heard of the response: its time unless the source tells Microsoft's own. */
  let responseHeardAt: Date | undefined;
  let accessGrant: AccessGrant = {};
  const journal = new TicketJournal(ticketKey, state.workflowId, {
    nonCancellable: cancelSafe,
    onFault: (reason) => {
      state.journalFault = reason;
      log.error('the ticket stream refused its events; the ticket goes on without recording them', { reason });
    },
  });
  const alerts = new TicketAlerts(journal);
  const inStep = new MicrosoftInStep(ticketKey, journal);
  /** Tells the alert subscribers; the escalation level tells apart the alerts of one kind. */
  const alert = (kind: AlertKind, summary: string, { key, ...extra }: { level?: number; audience?: string; key?: string } = {}): void =>
    alerts.send({
      alertKey: key ?? [ticketKey, kind, extra.level].filter((part) => part !== undefined).join(':'),
      kind,
      ticketId: id,
      partnerTenantId: request.partner.tenantId.toLowerCase(),
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
  /** The watch poller's news of Microsoft's ticket after its first answer, in arrival order. */
  const microsoftUpdates: MicrosoftTicketUpdate[] = [];

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
  setHandler(azureAccessGrantedSignal, (grant = {}) => {
    accessGranted = true;
    accessGrant = grant;
  });
  const answered = (answer: MicrosoftResponse): void => {
    if (response || (state.status !== 'handing-off' && state.status !== 'awaiting-response')) return;
    response = answer;
    responseHeardAt = new Date();
    state.respondedAt = responseHeardAt.toISOString();
  };
  const answeredByMicrosoft = ({ kind, answeredAt, note, answeredBy }: NonNullable<MicrosoftTicketUpdate['answer']>): void =>
    answered({ note, respondedBy: answeredBy, attentionNeeded: kind === 'attention-needed', respondedAt: answeredAt });
  setHandler(microsoftRespondedSignal, (answer = {}) => answered(answer));
  setHandler(microsoftTicketUpdatedSignal, (update) => {
    if (response) {
      microsoftUpdates.push(update);
      return;
    }
    if (update.answer) answeredByMicrosoft(update.answer);
    microsoftSeen = { status: update.status, noteCount: update.fromNoteCount + update.newNotes.length };
  });
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
    sendNoteUpdate,
    async ({ text, sentBy, by }) => {
      await inStep.sendNote((state.handoff as Handoff).microsoftTicketId, text, sentBy, by);
      return state;
    },
    {
      validator: (note) => {
        if (!state.handoff || state.status === 'closed' || closeRequest) {
          throw new Error(`notes go to Microsoft's ticket once filed and until closed; the ticket is ${state.status}`);
        }
        if (!note?.text?.trim()) throw new Error('text must not be empty');
      },
    },
  );
  setHandler(
    changeSeverityUpdate,
    async ({ severity, reason, changedBy, by }) => {
      const clock = responseClock as ResponseClock; // the validator lets changes through only once filed
      const from = state.severity;
      clock.dueAt = responseDeadline(clock.filedAt, { ...request, severity }, policy);
      state.severity = severity;
      state.responseDueAt = clock.dueAt.toISOString();
      clockChanged = true;
      publish();
      await journal.record({
        type: 'SeverityChanged',
        data: { from, to: severity, reason, changedBy, responseDueAt: state.responseDueAt, ...(by ? { by } : {}) },
      });
      // Added after tickets had changed severity unheard by Microsoft: those replay without telling it.
      if (state.handoff && patched(MICROSOFT_IN_STEP_PATCH)) {
        await inStep.tell(state.handoff.microsoftTicketId, `Severity changed from ${from} to ${severity}: ${reason}`, changedBy, by);
      }
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
      ...(scopedKey ? { key: scopedKey } : {}),
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

  /** Set at the filing: whether the watch poller follows Microsoft's ticket, and whether its SLA facts come from their source. */
  let followedByPoller = false;
  let slaFromSource = false;

  /** Runs the ticket from eligibility to the point where it can close, and says how it ends. */
  async function lifecycle(): Promise<TicketOutcome> {
    if (cancelSafe) await journal.record(received());
    if (refusedAtIntake) {
      state.eligibility = { decision: 'refused', reason: `The request is invalid: ${intakeProblems.join('; ')}` };
      await journal.record({ type: 'EligibilityDecided', data: state.eligibility });
      return 'refused';
    }
    state.eligibility = await checkEligibility(request);
    await journal.record(...(cancelSafe ? [] : [received()]), { type: 'EligibilityDecided', data: state.eligibility });
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
      await journal.record({ type: 'AzureAccessGranted', data: { grantedBy: accessGrant.grantedBy, ...(accessGrant.by ? { by: accessGrant.by } : {}) } });
    }
    if (closeRequest) return 'resolved';

    state.status = 'handing-off';
    publish();
    const filed = await handOff();
    if (filed === 'closed') return 'resolved';
    if (!filed) return 'handoff-rejected';
    // Added after tickets were already filed: those replay as they ran, their clock from when the filing was heard of,
    // answered when first heard of, polled by an activity.
    slaFromSource = patched(SLA_FROM_SOURCE_PATCH);
    followedByPoller = microsoftPollIntervalMs !== undefined && patched(MICROSOFT_WATCH_POLLER_PATCH);
    const { target, microsoftTicketId } = filed;
    // Microsoft's own creation time: a filing retried after a crash does not start the clock late.
    const filedAt = slaFromSource ? timeFromSource(filed.filedAt, new Date(), new Date(state.receivedAt)) : new Date();
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
    if (followedByPoller) {
      await CancellationScope.nonCancellable(() => followMicrosoftTicket({ ticketId: ticketKey, workflowId: state.workflowId, microsoftTicketId }));
    }

    const watcher = microsoftPollIntervalMs && !followedByPoller ? watchForAnswer(microsoftTicketId, microsoftPollIntervalMs) : undefined;
    responseClock = { filedAt, dueAt };
    await awaitResponse(responseClock, microsoftTicketId);
    watcher?.cancel();
    if (response && responseHeardAt) {
      await (slaFromSource
        ? recordSourcedAnswer(response, responseClock, microsoftTicketId)
        : recordHeardAnswer(response, responseDueAt));
    }
    if (followedByPoller) {
      await followMicrosoftUpdates();
    } else if (microsoftPollIntervalMs && microsoftSeen && patched(MICROSOFT_FOLLOW_UP_PATCH)) {
      // Added after tickets were already answered and waiting for closure: those replay without following Microsoft.
      await followMicrosoft(microsoftTicketId, microsoftPollIntervalMs, microsoftSeen);
    }
    await condition(() => !!closeRequest);
    return 'resolved';
  }

  /**
   * Files the ticket with Microsoft; undefined once Microsoft has rejected the filing, which is recorded. While our
   * credentials fail it waits and tries again (the same filing: Microsoft's ticket is created once), or 'closed' when
   * a coordinator closes the ticket meanwhile.
   */
  async function handOff(): Promise<HandOffResult | 'closed' | undefined> {
    for (let attempt = 0; ; attempt += 1) {
      try {
        // Once asked, the filing runs to its end: a ticket cancelled meanwhile still records Microsoft's number.
        const filing = () => handOffToMicrosoft({ ticketId: ticketKey, request });
        const filed = await (cancelSafe ? CancellationScope.nonCancellable(filing) : filing());
        state.handoffBlocked = undefined;
        return filed;
      } catch (err) {
        const blockage = handoffBlockage(err);
        if (blockage && patched(HANDOFF_BLOCKED_PATCH)) {
          await blocked(blockage);
          if (await condition(() => !!closeRequest, blockedRetryDelayMs(attempt))) return 'closed';
          continue;
        }
        const rejection = microsoftRejection(err);
        // Added after tickets had failed on a rejection: their histories replay failing as they did (see README, versioning).
        if (!rejection || !patched(HANDOFF_REJECTION_PATCH)) throw err;
        await journal.record({ type: 'HandoffRejected', data: rejection });
        return undefined;
      }
    }
  }

  /** Recorded once per ticket; the alert once per outage, shared by every ticket it blocks. */
  async function blocked({ reason, failingSince }: HandoffBlockage): Promise<void> {
    if (state.handoffBlocked) return;
    state.handoffBlocked = { reason, since: new Date().toISOString() };
    await journal.record({ type: 'HandoffBlocked', data: { reason, blockedAt: state.handoffBlocked.since } });
    alert('handoff-blocked', `Tickets cannot be filed with Microsoft: our Partner Center credentials fail (${reason})`, {
      key: `partner-center-credentials:${failingSince || state.handoffBlocked.since}`,
    });
  }

  /**
   * Waits for Microsoft's answer (or closure) through the warning, the breach and each ladder level, each
   * once; a severity change moves the due time and wakes the wait, so every mark is re-timed from it.
   */
  async function awaitResponse(clock: ResponseClock, microsoftTicketId: string): Promise<void> {
    const answeredOrClosed = () => !!response || !!closeRequest;
    const woken = () => answeredOrClosed() || clockChanged;
    for (;;) {
      clockChanged = false;
      if (answeredOrClosed()) return;
      const { filedAt, dueAt } = clock;
      const responseDueAt = dueAt.toISOString();
      if (!state.warnedAt && !state.breached && Date.now() < dueAt.getTime()) {
        const warnAt = warningTime(filedAt, dueAt, policy);
        if (await waitUntil(woken, warnAt)) continue;
        // Heard of only once the due time has passed too (the worker or Temporal was down): the breach decision is next.
        if (slaFromSource && Date.now() >= dueAt.getTime()) continue;
        state.warnedAt = warnAt.toISOString(); // the mark itself, as breachedAt is the due time
        // The alert goes out while the event is being stored: subscribers hear of it without waiting on our database.
        const recorded = journal.record({ type: 'BreachWarningRaised', data: { responseDueAt } });
        alert('warning', `Ticket ${id} (severity ${state.severity}) has had no answer from Microsoft; due by ${responseDueAt}`);
        await recorded;
        continue;
      }
      if (!state.breached) {
        if (await waitUntil(woken, dueAt)) continue;
        if (slaFromSource && microsoftPollIntervalMs !== undefined) {
          // Microsoft may have answered since it was last read: a breach is declared only on what it says now.
          const found = await checkAnswer(microsoftTicketId);
          if (found) {
            microsoftSeen = found.seen;
            answeredByMicrosoft(found);
          }
          if (woken()) continue;
        }
        await breach(responseDueAt);
        continue;
      }
      const level = escalationSchedule(filedAt, dueAt, policy)[state.escalations.length];
      if (!level) {
        await condition(woken);
        continue;
      }
      if (await waitUntil(woken, level.at)) continue;
      await escalate(level.level, level.audience, microsoftTicketId, responseDueAt);
    }
  }

  /** Microsoft's answer as Partner Center tells it now; undefined when there is none or it cannot be read. */
  async function checkAnswer(microsoftTicketId: string): Promise<MicrosoftAnswer | undefined> {
    try {
      return await checkMicrosoftAnswer({ microsoftTicketId });
    } catch (err) {
      if (isCancellation(err)) throw err;
      log.warn('reading Microsoft at the due time failed; a breach declared now is corrected if its answer was in time', { err });
      return undefined;
    }
  }

  // The breach instant is the due time itself, so `breachedAt` and `responseDueAt` are the same.
  async function breach(responseDueAt: string): Promise<void> {
    state.breached = true;
    state.breachedAt = responseDueAt;
    const recorded = journal.record({ type: 'SlaBreached', data: { responseDueAt } });
    alert('breach', `Ticket ${id} (severity ${state.severity}) breached its response target: due by ${responseDueAt}`);
    await recorded;
  }

  /** The answer at the time it was heard of: tickets filed before `SLA_FROM_SOURCE_PATCH`. */
  async function recordHeardAnswer(answer: MicrosoftResponse, responseDueAt: string): Promise<void> {
    const respondedAt = state.respondedAt as string;
    state.status = 'responded';
    publish();
    await recordResponded(answer, respondedAt, respondedAt > (state.responseDueAt ?? responseDueAt));
  }

  async function recordResponded({ note, respondedBy, attentionNeeded, by }: MicrosoftResponse, respondedAt: string, late: boolean): Promise<void> {
    await journal.record({ type: 'MicrosoftResponded', data: { respondedAt, late, note, respondedBy, attentionNeeded, ...(by ? { by } : {}) } });
    alert('response', `Microsoft ${attentionNeeded ? 'needs information on' : 'responded to'} ticket ${id}${late ? ' (late)' : ''}`);
  }

  /**
   * The answer at Microsoft's own time: a breach that happened is recorded (late rather than never, with the ladder
   * levels due before the answer), one that did not is withdrawn; the target's verdict is known from now on.
   */
  async function recordSourcedAnswer(answer: MicrosoftResponse, { filedAt, dueAt }: ResponseClock, microsoftTicketId: string): Promise<void> {
    const respondedAt = timeFromSource(answer.respondedAt, responseHeardAt as Date, filedAt);
    const responseDueAt = dueAt.toISOString();
    const verdict = decideOnAnswer(
      { respondedAt, filedAt, dueAt, breached: state.breached, levelsRaised: state.escalations.length },
      policy,
    );
    if (verdict.recordBreach) await breach(responseDueAt);
    for (const level of verdict.levelsToRaise) {
      await escalate(level.level, level.audience, microsoftTicketId, responseDueAt);
    }
    state.respondedAt = respondedAt.toISOString();
    state.targetMet = !verdict.late;
    state.status = 'responded';
    publish();
    await recordResponded(answer, state.respondedAt, verdict.late);
    if (verdict.correctBreach) await correctBreach(state.respondedAt, responseDueAt);
  }

  async function correctBreach(respondedAt: string, responseDueAt: string): Promise<void> {
    state.breached = false;
    state.breachedAt = undefined;
    state.escalationLevel = 0;
    state.breachCorrectedAt = new Date().toISOString();
    publish();
    const recorded = journal.record({ type: 'SlaBreachCorrected', data: { respondedAt, responseDueAt } });
    alert(
      'correction',
      `Ticket ${id}: the breach and escalations sent earlier are withdrawn; Microsoft answered at ${respondedAt}, within the target (${responseDueAt})`,
    );
    await recorded;
  }

  /** Reads Microsoft's answer back from Partner Center while the ticket waits; a coordinator's signal works too. */
  function watchForAnswer(microsoftTicketId: string, pollIntervalMs: number): CancellationScope {
    const scope = new CancellationScope();
    scope
      .run(() => pollingActivities(pollIntervalMs).watchMicrosoftTicket({ microsoftTicketId, pollIntervalMs }))
      .then((answer) => {
        microsoftSeen = answer.seen;
        answered({ note: answer.note, respondedBy: answer.answeredBy, attentionNeeded: answer.kind === 'attention-needed' });
      })
      .catch((err: unknown) => {
        if (!isCancellation(err)) log.warn('watching Microsoft for an answer failed; a coordinator can still record it', { err });
      });
    return scope;
  }

  /** Records each later note and status change from Microsoft until the ticket is closed (activity polling). */
  async function followMicrosoft(microsoftTicketId: string, pollIntervalMs: number, from: MicrosoftProgressMark): Promise<void> {
    let seen = from;
    const closed = condition(() => !!closeRequest);
    const { watchMicrosoftChanges } = pollingActivities(pollIntervalMs);
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
      seen = await recordMicrosoftChanges(seen, changes.status, changes.newNotes);
    }
  }

  /** Records each later note and status change from Microsoft as the watch poller signals them, until the ticket is closed. */
  async function followMicrosoftUpdates(): Promise<void> {
    // A coordinator answered before Microsoft was heard from: everything on Microsoft's ticket is news.
    let seen = microsoftSeen ?? { status: 'open', noteCount: 0 };
    for (;;) {
      await condition(() => microsoftUpdates.length > 0 || !!closeRequest);
      const update = microsoftUpdates.shift();
      if (!update) return;
      // Sent at least once: notes before our own mark were recorded already.
      const unseen = update.newNotes.slice(Math.max(0, seen.noteCount - update.fromNoteCount));
      const { status } = await recordMicrosoftChanges(seen, update.status, unseen);
      seen = { status, noteCount: Math.max(seen.noteCount, update.fromNoteCount + update.newNotes.length) };
    }
  }

  async function recordMicrosoftChanges(
    seen: MicrosoftProgressMark,
    status: string,
    newNotes: MicrosoftTicketUpdate['newNotes'],
  ): Promise<MicrosoftProgressMark> {
    for (const note of newNotes) {
      await journal.record({ type: 'MicrosoftNoteAdded', data: { text: note.text, by: note.createdByName, at: note.createdDate } });
    }
    if (status !== seen.status) {
      await journal.record({ type: 'MicrosoftStatusChanged', data: { status } });
    }
    return { status, noteCount: seen.noteCount + newNotes.length };
  }

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
      alertId: `${ticketKey}:escalation:${level}`,
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
  state.targetMet ??= state.responseDueAt ? !state.breached : null;
  publish();
  const { outcome: closedAs, resolution, targetMet, closedAt } = state;
  await CancellationScope.nonCancellable(async () => {
    const { closedBy, by } = closeRequest ?? {};
    await journal.record({
      type: 'ServiceRequestClosed',
      data: { outcome: closedAs, resolution, targetMet, closedAt, ...(closedBy ? { closedBy } : {}), ...(by ? { by } : {}) },
    });
    alert('closure', `Ticket ${id} closed: ${closedAs}${resolution ? ` — ${resolution}` : ''}`);
    const microsoftTicketId = state.handoff?.microsoftTicketId;
    // Added after tickets had closed leaving Microsoft's open: those replay without closing it.
    if (microsoftTicketId && patched(MICROSOFT_IN_STEP_PATCH)) await inStep.close(microsoftTicketId);
    if (followedByPoller && microsoftTicketId) await unfollowMicrosoftTicket({ microsoftTicketId });
    await alerts.settled();
    // Lets a pending `close` update return the final state before the workflow completes.
    await condition(allHandlersFinished);
  });
  return state;
}
