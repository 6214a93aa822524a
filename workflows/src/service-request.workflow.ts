import {
  allHandlersFinished,
  CancellationScope,
  condition,
  isCancellation,
  log,
  proxyActivities,
  setHandler,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import {
  accessTimeoutMs,
  escalationSchedule,
  responseDeadline,
  type TicketEvent,
  type TicketOutcome,
  type TicketState,
} from '@escalade/domain';
import type { ServiceRequestActivities } from './activities';
import { TicketJournal } from './ticket-journal';
import {
  azureAccessGrantedSignal,
  closeUpdate,
  microsoftRespondedSignal,
  searchAttributes,
  type CloseRequest,
  type MicrosoftResponse,
  type ServiceRequestInput,
  ticketStateQuery,
} from './definitions';

const { checkEligibility, handOffToMicrosoft, sendEscalationAlert } = proxyActivities<ServiceRequestActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

// Runs as long as the ticket waits; the heartbeat tells a crashed worker from a slow Microsoft.
const { watchMicrosoftTicket } = proxyActivities<ServiceRequestActivities>({
  startToCloseTimeout: '7 days',
  heartbeatTimeout: '1 minute',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

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
  let closeRequest: CloseRequest | undefined;

  const publish = (): void =>
    upsertSearchAttributes([
      { key: searchAttributes.severity, value: state.severity },
      { key: searchAttributes.product, value: request.product },
      { key: searchAttributes.customer, value: request.customer.domain },
      { key: searchAttributes.status, value: state.status },
      { key: searchAttributes.escalationLevel, value: state.escalationLevel },
    ]);
  setHandler(ticketStateQuery, () => state);
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
      await journal.record({ type: 'AzureAccessAwaited', data: { timesOutAt: accessTimeout.toISOString() } });
      if (!(await waitUntil(() => accessGranted || !!closeRequest, accessTimeout))) return 'access-timed-out';
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
    const { target, microsoftTicketId } = await handOffToMicrosoft({ ticketId: id, request });
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
    const answeredOrClosed = () => !!response || !!closeRequest;
    if (!(await waitUntil(answeredOrClosed, dueAt))) {
      state.breached = true;
      state.breachedAt = responseDueAt;
      await journal.record({ type: 'SlaBreached', data: { responseDueAt } });
      for (const level of escalationSchedule(filedAt, dueAt, policy)) {
        if (await waitUntil(answeredOrClosed, level.at)) break;
        await escalate(level.level, level.audience, microsoftTicketId, responseDueAt);
      }
      await condition(answeredOrClosed);
    }
    watcher?.cancel();
    if (response && state.respondedAt) {
      state.status = 'responded';
      publish();
      const late = state.respondedAt > responseDueAt;
      await journal.record({ type: 'MicrosoftResponded', data: { respondedAt: state.respondedAt, late, ...response } });
    }
    await condition(() => !!closeRequest);
    return 'resolved';
  }

  /** Reads Microsoft's answer back from Partner Center while the ticket waits; a coordinator's signal works too. */
  function watchForAnswer(microsoftTicketId: string, pollIntervalMs: number): CancellationScope {
    const scope = new CancellationScope();
    scope
      .run(() => watchMicrosoftTicket({ microsoftTicketId, pollIntervalMs }))
      .then((answer) =>
        answered({ note: answer.note, respondedBy: answer.answeredBy, attentionNeeded: answer.kind === 'attention-needed' }),
      )
      .catch((err: unknown) => {
        if (!isCancellation(err)) log.warn('watching Microsoft for an answer failed; a coordinator can still record it', { err });
      });
    return scope;
  }

  // The breach instant is the due time itself, so `breachedAt` and `responseDueAt` are the same.
  async function escalate(level: number, audience: string, microsoftTicketId: string, responseDueAt: string): Promise<void> {
    const raisedAt = new Date().toISOString();
    state.escalationLevel = level;
    state.escalations.push({ level, audience, at: raisedAt });
    publish();
    await journal.record({ type: 'Escalated', data: { level, audience } });
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
    // Lets a pending `close` update return the final state before the workflow completes.
    await condition(allHandlersFinished);
  });
  return state;
}
