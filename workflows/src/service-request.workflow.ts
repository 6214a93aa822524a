import {
  allHandlersFinished,
  CancellationScope,
  condition,
  isCancellation,
  proxyActivities,
  setHandler,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import {
  accessTimeoutMs,
  escalationSchedule,
  responseDeadline,
  type TicketOutcome,
  type TicketState,
} from '@escalade/domain';
import type { ServiceRequestActivities } from './activities';
import {
  azureAccessGrantedSignal,
  closeUpdate,
  microsoftRespondedSignal,
  searchAttributes,
  type CloseRequest,
  type ServiceRequestInput,
  ticketStateQuery,
} from './definitions';

const { checkEligibility, handOffToMicrosoft, sendEscalationAlert } = proxyActivities<ServiceRequestActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

/** Resolves true when the predicate holds, false once `deadline` passes first. */
async function waitUntil(predicate: () => boolean, deadline: Date): Promise<boolean> {
  const remaining = deadline.getTime() - Date.now();
  if (remaining <= 0) return predicate();
  return condition(predicate, remaining);
}

export async function serviceRequestWorkflow({ id, request, policy }: ServiceRequestInput): Promise<TicketState> {
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
  let responded = false;
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
  setHandler(azureAccessGrantedSignal, () => {
    accessGranted = true;
  });
  setHandler(microsoftRespondedSignal, () => {
    if (responded || (state.status !== 'handing-off' && state.status !== 'awaiting-response')) return;
    responded = true;
    state.respondedAt = new Date().toISOString();
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
  publish();

  /** Runs the ticket from eligibility to the point where it can close, and says how it ends. */
  async function lifecycle(): Promise<TicketOutcome> {
    state.eligibility = await checkEligibility(request);
    const { decision } = state.eligibility;
    if (decision === 'refused' || decision === 'redirected') return decision;
    if (decision === 'needs-access') {
      state.status = 'awaiting-access';
      publish();
      const accessTimeout = new Date(Date.now() + accessTimeoutMs(policy));
      if (!(await waitUntil(() => accessGranted || !!closeRequest, accessTimeout))) return 'access-timed-out';
      if (closeRequest) return 'resolved';
      state.eligibility = {
        decision: 'eligible',
        reason: "The indirect provider granted access to the customer's Azure account",
      };
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

    const answeredOrClosed = () => responded || !!closeRequest;
    if (!(await waitUntil(answeredOrClosed, dueAt))) {
      state.breached = true;
      state.breachedAt = responseDueAt;
      for (const level of escalationSchedule(filedAt, dueAt, policy)) {
        if (await waitUntil(answeredOrClosed, level.at)) break;
        await escalate(level.level, level.audience, microsoftTicketId, responseDueAt);
      }
      await condition(answeredOrClosed);
    }
    if (responded) {
      state.status = 'responded';
      publish();
    }
    await condition(() => !!closeRequest);
    return 'resolved';
  }

  // The breach instant is the due time itself, so `breachedAt` and `responseDueAt` are the same.
  async function escalate(level: number, audience: string, microsoftTicketId: string, responseDueAt: string): Promise<void> {
    const raisedAt = new Date().toISOString();
    state.escalationLevel = level;
    state.escalations.push({ level, audience, at: raisedAt });
    publish();
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
  // Lets a pending `close` update return the final state before the workflow completes.
  await CancellationScope.nonCancellable(() => condition(allHandlersFinished));
  return state;
}
