// The golden scenarios: one per path of `serviceRequestWorkflow`, with fixed inputs, each driven on the
// time-skipping test server (hours pass at once) until the ticket is closed. `npm run histories:capture`
// runs them and stores each history under test/histories/<name>.json; the replay suite and `npm run replay`
// replay those files against the current workflow code, so a change that breaks running tickets fails.
import type { WorkflowHandle } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import {
  aServiceRequest,
  DEFAULT_SLA_POLICY,
  SEVERITIES,
  type ServiceRequest,
  type Severity,
  type SlaPolicy,
  type TicketState,
} from '@escalade/domain';
import {
  azureAccessGrantedSignal,
  changeSeverityUpdate,
  closeUpdate,
  microsoftRespondedSignal,
  serviceRequestWorkflowId,
  ticketStateQuery,
  type serviceRequestWorkflow,
  type ServiceRequestInput,
} from '@escalade/workflows';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * Started with a plain client, not the test environment's: its `result()` would let the server skip time
 * (and, once the workflow is closed, skip years ahead). Time moves only with `env.sleep`.
 */
export type TicketHandle = WorkflowHandle<typeof serviceRequestWorkflow>;

export interface ReplayScenario {
  /** Also the history's file name (test/histories/<name>.json) and, prefixed, the ticket id. */
  name: string;
  description: string;
  /** The workflow's input; `id` is fixed, so the workflow id is too. */
  input: ServiceRequestInput;
  /** Takes the started ticket along its path with env.sleep, signals, updates or cancellation, up to its closure. */
  drive(handle: TicketHandle, env: TestWorkflowEnvironment): Promise<void>;
  /** What the final state (the workflow's result) must show, checked after the drive. */
  expected: Partial<TicketState>;
}

/** The ticket id of a golden scenario; the workflow id is `service-request-<ticket id>`. */
export function goldenTicketId(name: string): string {
  return `golden-${name}`;
}

export function scenarioWorkflowId(scenario: Pick<ReplayScenario, 'input'>): string {
  return serviceRequestWorkflowId(scenario.input.id);
}

function input(name: string, request: ServiceRequest, policy: SlaPolicy = DEFAULT_SLA_POLICY): ServiceRequestInput {
  // microsoftPollIntervalMs stays absent: nobody polls Microsoft, the drive plays its answers with the signal.
  return { id: goldenTicketId(name), request, policy };
}

function indirectResellerAzureRequest(): ServiceRequest {
  const request = aServiceRequest({ product: 'azure', severity: 'B' });
  request.partner = { ...request.partner, role: 'indirect-reseller', azureAccessGranted: false };
  return request;
}

/** Polls the ticket's state (in real time: a query never skips time) until `done` holds. */
export async function waitForState(
  handle: TicketHandle,
  done: (state: TicketState) => boolean,
  what: string,
  timeoutMs = 20_000,
): Promise<TicketState> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const state = await handle.query(ticketStateQuery);
    if (done(state)) return state;
    if (Date.now() > until) {
      const { status, severity, breached, escalationLevel } = state;
      throw new Error(`${handle.workflowId}: expected ${what}, got ${JSON.stringify({ status, severity, breached, escalationLevel })}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

const awaitingResponse = (handle: TicketHandle) => waitForState(handle, (s) => s.status === 'awaiting-response', 'awaiting-response');
const responded = (handle: TicketHandle) => waitForState(handle, (s) => s.status === 'responded', 'responded');
const escalatedTo = (handle: TicketHandle, level: number) =>
  waitForState(handle, (s) => s.breached && s.escalationLevel === level, `breached at escalation level ${level}`);

async function close(handle: TicketHandle, resolution: string): Promise<void> {
  await handle.executeUpdate(closeUpdate, { args: [{ resolution, closedBy: 'coordinator@fabrikam.com' }] });
}

async function changeSeverity(handle: TicketHandle, severity: Severity, reason: string): Promise<void> {
  await handle.executeUpdate(changeSeverityUpdate, { args: [{ severity, reason, changedBy: 'coordinator@fabrikam.com' }] });
}

/** Severity A ticket left unanswered for `hours`, then closed: the breach and the ladder levels reached by then. */
function breachScenario(level: 1 | 2 | 3, hours: number): ReplayScenario {
  const name = `breach-level-${level}`;
  return {
    name,
    description: `severity A unanswered for ${hours} h: breach at 2 h, escalation up to level ${level}, then closed`,
    input: input(name, aServiceRequest({ severity: 'A' })),
    async drive(handle, env) {
      await awaitingResponse(handle);
      await env.sleep(hours * HOUR);
      await escalatedTo(handle, level);
      await close(handle, `Closed at escalation level ${level}`);
    },
    expected: { status: 'closed', outcome: 'resolved', breached: true, escalationLevel: level, targetMet: false },
  };
}

export const SCENARIOS: readonly ReplayScenario[] = [
  {
    name: 'answered-in-time',
    description: 'severity A: breach warning at 1 h 30, Microsoft answers at 1 h 59, closed',
    input: input('answered-in-time', aServiceRequest({ severity: 'A' })),
    async drive(handle, env) {
      await awaitingResponse(handle);
      await env.sleep(119 * MINUTE);
      await handle.signal(microsoftRespondedSignal, { note: 'Engineer assigned', respondedBy: 'Microsoft support' });
      await responded(handle);
      await env.sleep(HOUR);
      await close(handle, 'Fixed by Microsoft');
    },
    expected: { status: 'closed', outcome: 'resolved', breached: false, escalationLevel: 0, targetMet: true },
  },
  breachScenario(1, 2.25),
  breachScenario(2, 3.25),
  breachScenario(3, 4.25),
  {
    name: 'late-answer',
    description: 'severity A: breached at 2 h (level 1), Microsoft answers at 2 h 30, closed',
    input: input('late-answer', aServiceRequest({ severity: 'A' })),
    async drive(handle, env) {
      await awaitingResponse(handle);
      await env.sleep(150 * MINUTE);
      await escalatedTo(handle, 1);
      await handle.signal(microsoftRespondedSignal, { note: 'Sorry for the delay', respondedBy: 'Microsoft support' });
      await responded(handle);
      await close(handle, 'Answered late');
    },
    expected: { status: 'closed', outcome: 'resolved', breached: true, escalationLevel: 1, targetMet: false },
  },
  {
    name: 'severity-raised-breaches-at-once',
    description: 'severity C raised to A after 3 h: the 2 h target has passed, so it breaches at once; closed',
    input: input('severity-raised-breaches-at-once', aServiceRequest({ severity: 'C' })),
    async drive(handle, env) {
      await awaitingResponse(handle);
      await env.sleep(3 * HOUR);
      await changeSeverity(handle, 'A', 'Production down');
      await waitForState(handle, (s) => s.severity === 'A' && s.breached && s.escalationLevel >= 1, 'an immediate breach');
      await close(handle, 'Mitigated');
    },
    expected: { status: 'closed', outcome: 'resolved', severity: 'A', breached: true, targetMet: false },
  },
  {
    name: 'severity-lowered',
    description: 'severity A lowered to C after 1 h: the target moves from 2 h to 8 h; warning at 6 h, breach at 8 h; closed',
    input: input('severity-lowered', aServiceRequest({ severity: 'A' })),
    async drive(handle, env) {
      await awaitingResponse(handle);
      await env.sleep(HOUR);
      await changeSeverity(handle, 'C', 'Workaround found');
      await env.sleep(7 * HOUR + 10 * MINUTE);
      await escalatedTo(handle, 1);
      await close(handle, 'Workaround is enough');
    },
    expected: { status: 'closed', outcome: 'resolved', severity: 'C', breached: true, escalationLevel: 1, targetMet: false },
  },
  {
    name: 'refused-phone',
    description: 'filed by phone: refused by the eligibility rules, closed without handoff',
    input: input('refused-phone', aServiceRequest({ channel: 'phone' })),
    async drive(handle) {
      await handle.result();
    },
    expected: { status: 'closed', outcome: 'refused', targetMet: null },
  },
  {
    name: 'redirected-marketplace',
    description: 'a commercial-marketplace product: redirected to its ISV, closed',
    input: input(
      'redirected-marketplace',
      aServiceRequest({
        product: 'marketplace',
        marketplace: { productName: 'Contoso Backup', isv: { name: 'Contoso ISV', supportEmail: 'help@isv.example' } },
      }),
    ),
    async drive(handle) {
      await handle.result();
    },
    expected: { status: 'closed', outcome: 'redirected', targetMet: null },
  },
  {
    name: 'redirected-dynamics-licensing',
    description: 'a Dynamics 365 licensing question: redirected to Dynamics support, closed',
    input: input('redirected-dynamics-licensing', aServiceRequest({ product: 'dynamics365', category: 'licensing' })),
    async drive(handle) {
      await handle.result();
    },
    expected: { status: 'closed', outcome: 'redirected', targetMet: null },
  },
  {
    name: 'azure-access-granted',
    description: 'indirect reseller without Azure access: waits 3 days, access granted, handed off, answered, closed',
    input: input('azure-access-granted', indirectResellerAzureRequest()),
    async drive(handle, env) {
      await waitForState(handle, (s) => s.status === 'awaiting-access', 'awaiting-access');
      await env.sleep(3 * DAY);
      await handle.signal(azureAccessGrantedSignal, { grantedBy: 'provider-admin@fabrikam.com' });
      await awaitingResponse(handle);
      await env.sleep(30 * MINUTE);
      await handle.signal(microsoftRespondedSignal, { note: 'Looking into it' });
      await responded(handle);
      await close(handle, 'Fixed after access was granted');
    },
    expected: { status: 'closed', outcome: 'resolved', breached: false, targetMet: true },
  },
  {
    name: 'access-timed-out',
    description: 'indirect reseller without Azure access: never granted, closed as access-timed-out after 7 days',
    input: input('access-timed-out', indirectResellerAzureRequest()),
    async drive(handle, env) {
      await waitForState(handle, (s) => s.status === 'awaiting-access', 'awaiting-access');
      await env.sleep(7 * DAY - MINUTE);
      await waitForState(handle, (s) => s.status === 'awaiting-access', 'still awaiting-access a minute before the time-out');
      await env.sleep(2 * MINUTE);
      await handle.result();
    },
    expected: { status: 'closed', outcome: 'access-timed-out', targetMet: null },
  },
  {
    name: 'closed-while-awaiting-access',
    description: 'indirect reseller without Azure access: the coordinator closes it while it waits for access',
    input: input('closed-while-awaiting-access', indirectResellerAzureRequest()),
    async drive(handle, env) {
      await waitForState(handle, (s) => s.status === 'awaiting-access', 'awaiting-access');
      await env.sleep(DAY);
      await close(handle, 'Customer filed it directly');
    },
    expected: { status: 'closed', outcome: 'resolved', targetMet: null },
  },
  {
    name: 'cancelled',
    description: 'severity B waiting for Microsoft: the workflow is cancelled after 30 minutes',
    input: input('cancelled', aServiceRequest({ severity: 'B' })),
    async drive(handle, env) {
      await awaitingResponse(handle);
      await env.sleep(30 * MINUTE);
      await handle.cancel();
      await handle.result();
    },
    expected: { status: 'closed', outcome: 'cancelled', breached: false },
  },
  {
    name: 'closed-before-answer',
    description: 'severity C: the coordinator closes it after 1 h, before Microsoft answers',
    input: input('closed-before-answer', aServiceRequest({ severity: 'C' })),
    async drive(handle, env) {
      await awaitingResponse(handle);
      await env.sleep(HOUR);
      await close(handle, 'Customer solved it');
    },
    expected: { status: 'closed', outcome: 'resolved', breached: false, targetMet: true },
  },
  {
    name: 'attention-needed',
    description: 'severity A: Microsoft asks for more information (attention needed) at 45 minutes, closed',
    input: input('attention-needed', aServiceRequest({ severity: 'A' })),
    async drive(handle, env) {
      await awaitingResponse(handle);
      await env.sleep(45 * MINUTE);
      await handle.signal(microsoftRespondedSignal, {
        attentionNeeded: true,
        note: 'Please send the subscription id',
        respondedBy: 'Microsoft support',
      });
      await responded(handle);
      await close(handle, 'Information sent, fixed');
    },
    expected: { status: 'closed', outcome: 'resolved', breached: false, targetMet: true },
  },
];

/**
 * A synthetic long history for the replay benchmark: a severity-C ticket whose severity a coordinator changes
 * again and again (A, B, C, A, …) while Microsoft's answer is awaited; each change adds a dozen or so events
 * (the update, the search attributes, the re-timed timer, the event-log activity). Stops at about
 * `targetEvents` events, then closes the ticket.
 */
export function severityChurnScenario(targetEvents = 4_000): ReplayScenario {
  const name = 'severity-churn';
  return {
    name,
    description: `severity changed again and again while waiting, until about ${targetEvents} history events; closed`,
    input: input(name, aServiceRequest({ severity: 'C' })),
    async drive(handle, env) {
      await awaitingResponse(handle);
      const closing = 20; // events the close adds: the update, the workflow tasks, the closing activities
      let severity: Severity = 'C';
      let events = 0;
      for (let change = 1; events < targetEvents - closing; change += 1) {
        severity = SEVERITIES[(SEVERITIES.indexOf(severity) + 1) % SEVERITIES.length];
        await changeSeverity(handle, severity, `re-triage ${change}`);
        if (change % 50 === 0) await env.sleep(MINUTE); // time moves on a little, as it would between changes
        // Each change adds at least a dozen events: counting only every few changes keeps the drive fast.
        if (change % 10 === 0 || targetEvents - closing - events < 200) events = (await handle.fetchHistory()).events?.length ?? 0;
      }
      await close(handle, 'Settled on a severity at last');
    },
    expected: { status: 'closed', outcome: 'resolved', breached: false },
  };
}
