// The golden scenarios: one per path of `serviceRequestWorkflow`, with fixed inputs. `npm run histories:capture`
// runs them on a Temporal dev server in real time, under CAPTURE_POLICY (every SLA duration × 1/2000: severity
// A's 2 h target takes 3.6 s), and stores each history under test/histories/<name>.json; the replay suite and
// `npm run replay` replay those files against the current workflow code, so a change that breaks running
// tickets fails. The drives wait for the ticket's state (query) or event log rather than for fixed times.
import {
  decideEligibility,
  DEFAULT_FOLLOW_UP_POLICY,
  DEFAULT_SLA_POLICY,
  SEVERITIES,
  type ServiceRequest,
  type Severity,
  type SlaPolicy,
  type TicketEventType,
  type TicketState,
} from '@escalade/domain';
import { aServiceRequest } from '@escalade/domain/testing';
import { startWebhookReceiver } from '@escalade/alerting/testing';
import type { NewAlertSubscription } from '@escalade/persistence';
import {
  azureAccessGrantedSignal,
  changeSeverityUpdate,
  closeUpdate,
  microsoftRespondedSignal,
  microsoftTicketUpdatedSignal,
  QUIET_HOURS_PATCH,
  sendNoteUpdate,
  serviceRequestWorkflowId,
  ticketKey,
  type ServiceRequestInput,
} from '@escalade/workflows';
import { UNKNOWN_SUPPORT_TOPIC_ID } from '../../test/support/test-microsoft-support';
import {
  awaitingAccess,
  awaitingResponse,
  changeSeverity,
  close,
  escalatedTo,
  filedAtMicrosoft,
  responded,
  untilFiledFor,
  waitForState,
  type TicketHandle,
} from './scenario-steps';
import type { BeforePatch } from './capture-harness';
import type { ScriptedMicrosoftSupport } from './scripted-microsoft';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/**
 * The default policy, every duration × 1/2000: severity A warns at 2.7 s, breaches at 3.6 s and climbs the ladder
 * up to 7.2 s; C breaches at 14.4 s. The 7-day wait for Azure access is cut to 4 h first (7.2 s; reminder at 3.6 s).
 */
export const CAPTURE_POLICY: SlaPolicy = { ...DEFAULT_SLA_POLICY, accessTimeoutMinutes: 4 * 60, timeScale: 0.0005 };
/** How often the polling scenarios' watcher (the capture's watch poller too) asks Microsoft: polls leave nothing in a history. */
export const POLL_INTERVAL_MS = 100;

/** What a drive may act on besides the ticket. */
export interface ScenarioContext {
  /** The Microsoft the worker reads (activities, the watch poller): a drive adds its notes and sets its status. */
  microsoft: ScriptedMicrosoftSupport;
  /** Resolves once the ticket has stored `count` (1) events of this type (an activity writes the event log). */
  recorded(handle: TicketHandle, type: TicketEventType, count?: number): Promise<void>;
  /** Stops the scenario's worker, as a crash would (only on a worker of its own: see `ownWorker`). */
  pauseWorker(): Promise<void>;
  /** Starts it again: it replays the ticket, then takes what queued up meanwhile. */
  resumeWorker(): Promise<void>;
  /** Alerts matching the subscription go to its URL from now on (in the worker's database). */
  subscribeToAlerts(subscription: NewAlertSubscription): Promise<void>;
}

export interface ReplayScenario {
  /** Also the history's file name (test/histories/<name>.json) and, prefixed, the ticket id. */
  name: string;
  description: string;
  /** The workflow's input; `id` is fixed, so the workflow id is too. */
  input: ServiceRequestInput;
  /**
   * Run by a worker whose `patched()` answers false, i.e. the workflow before its patches: the history of a
   * ticket started before they were deployed, which the current code must still replay (along the old path).
   * A patch's name: false for that one only (see BEFORE_PATCH_APIS), the workers deployed just before it.
   */
  beforePatches?: boolean | BeforePatch;
  /**
   * Run on a worker of its own (task queue `golden-histories-<name>`) that the drive may pause, and without the
   * watch poller: nothing but the drive and the workflow itself learns of Microsoft's answer.
   */
  ownWorker?: boolean;
  /** Sets Microsoft up before the ticket starts (e.g. our credentials failing for it). */
  before?(context: ScenarioContext, ticketId: string): void;
  /** Takes the started ticket along its path with signals, updates, Microsoft's notes or cancellation, up to its closure. */
  drive(handle: TicketHandle, context: ScenarioContext): Promise<void>;
  /** What the final state (the workflow's result) must show, checked after the drive; `failed`: the workflow must fail. */
  expected: Partial<TicketState> | 'failed';
}

/** The ticket id of a golden scenario; the workflow id is `service-request-<ticket id>`. */
export function goldenTicketId(name: string): string {
  return `golden-${name}`;
}

export function scenarioWorkflowId(scenario: Pick<ReplayScenario, 'input'>): string {
  return serviceRequestWorkflowId(scenario.input.key ?? scenario.input.id);
}

function input(
  name: string,
  request: ServiceRequest,
  { policy = CAPTURE_POLICY, polling = false }: { policy?: SlaPolicy; polling?: boolean } = {},
): ServiceRequestInput {
  // Without microsoftPollIntervalMs nobody polls Microsoft: the drive plays its answer with the signal.
  return { id: goldenTicketId(name), request, policy, ...(polling && { microsoftPollIntervalMs: POLL_INTERVAL_MS }) };
}

/** A signed-in coordinator, and a ticketing bridge's API key, as the API records them. */
const ADA = { kind: 'user', name: 'Ada Lovelace', objectId: '0f0e0d0c-0b0a-4909-8807-060504030201', tenantId: '22222222-2222-2222-2222-222222222222' } as const;
const BRIDGE = { kind: 'api-key', name: 'ServiceNow bridge', objectId: '7c1e5f0a-3b2d-4c6e-9f8a-1b2c3d4e5f60' } as const;

/** The input as the API starts tickets since ids are per partner tenant: keyed `<partner tenant>~<id>`. */
function scoped(scenarioInput: ServiceRequestInput): ServiceRequestInput {
  return { ...scenarioInput, key: ticketKey(scenarioInput.request.partner.tenantId, scenarioInput.id) };
}

/** The same drive on a ticket started before the patches (see `beforePatches`). */
function beforePatches(
  scenario: ReplayScenario,
  name: string,
  description: string,
  expected: ReplayScenario['expected'] = scenario.expected,
): ReplayScenario {
  return {
    ...scenario,
    name,
    description,
    input: { ...scenario.input, id: goldenTicketId(name) },
    beforePatches: true,
    expected,
  };
}

function indirectResellerAzureRequest(): ServiceRequest {
  const request = aServiceRequest({ product: 'azure', severity: 'B' });
  request.partner = { ...request.partner, role: 'indirect-reseller', azureAccessGranted: false };
  return request;
}

/** Severity A ticket left unanswered until the ladder reaches `level`, then closed before the next one. */
function breachScenario(level: 1 | 2 | 3): ReplayScenario {
  const name = `breach-level-${level}`;
  return {
    name,
    description: `severity A unanswered: breach at 2 h, escalation up to level ${level}, then closed`,
    input: input(name, aServiceRequest({ severity: 'A' })),
    async drive(handle) {
      await escalatedTo(handle, level);
      await close(handle, `Closed at escalation level ${level}`);
    },
    expected: { status: 'closed', outcome: 'resolved', breached: true, escalationLevel: level, targetMet: false },
  };
}

/** Severity C raised to A after 5 h: past A's target and every ladder level, so it breaches and escalates to level 3 at once. */
function severityRaisedPastDue(name: string): ReplayScenario {
  return {
    name,
    description: 'severity C raised to A after 5 h: past the 2 h target and every ladder level, so it breaches and escalates to level 3 at once; closed',
    input: input(name, aServiceRequest({ severity: 'C' })),
    async drive(handle) {
      // A's ladder ends at 4 h, C's warning comes at 6 h: nothing is left to fire once the change has caught up.
      await untilFiledFor(handle, 5 * HOUR, CAPTURE_POLICY.timeScale);
      await changeSeverity(handle, 'A', 'Production down');
      await escalatedTo(handle, 3);
      await close(handle, 'Mitigated');
    },
    expected: { status: 'closed', outcome: 'resolved', severity: 'A', breached: true, escalationLevel: 3, targetMet: false, warnedAt: undefined },
  };
}

/** Escalations sent once, through the subscriptions (ONE_ALERT_PATH_PATCH), and twice on a ticket from before it. */
function oneAlertPathScenarios(): ReplayScenario[] {
  const name = 'escalated-through-subscriptions';
  const escalated = { ...breachScenario(2), name, input: input(name, aServiceRequest({ severity: 'A' })) };
  return [
    { ...escalated, description: 'severity A unanswered up to level 2: each escalation alerted through the subscriptions only; closed' },
    beforePatches(escalated, 'escalated-before-one-alert-path', 'the same, on a ticket from before: each escalation also sent by sendEscalationAlert'),
  ];
}

const warnedAndBreachedOnRecordedClock: ReplayScenario = {
  name: 'warned-and-breached-on-recorded-clock',
  description: 'severity A, Microsoft readable but silent: warning, Microsoft read at the due time, breach and level 1; closed',
  input: input('warned-and-breached-on-recorded-clock', aServiceRequest({ severity: 'A' }), { polling: true }),
  ownWorker: true,
  async drive(handle) {
    await escalatedTo(handle, 1);
    await close(handle, 'Closed at escalation level 1');
  },
  expected: { status: 'closed', outcome: 'resolved', breached: true, escalationLevel: 1, targetMet: false },
};

/**
 * The response wait on a clock reading recorded in the history (RECORDED_CLOCK_PATCH): warning, Microsoft read at the
 * due time, breach and level 1; and a change of severity that puts every mark in the past at once.
 */
function recordedClockScenarios(): ReplayScenario[] {
  return [
    warnedAndBreachedOnRecordedClock,
    {
      ...severityRaisedPastDue('severity-raised-past-due-on-recorded-clock'),
      description: 'severity C raised to A after 5 h: past the target and every ladder level at once, so no warning, the breach and levels 1 to 3; closed',
    },
  ];
}

/** Breach and escalation alerts prepared and first attempted by one activity, `sendAlert` (ALERT_AT_ONCE_PATCH). */
function alertAtOnceScenario(): ReplayScenario {
  const name = 'alerted-at-once';
  return {
    ...breachScenario(1),
    name,
    description: 'severity A unanswered: warning, breach and level 1, each alert sent by one activity; closed',
    input: input(name, aServiceRequest({ severity: 'A' })),
  };
}

const accessTimedOut: ReplayScenario = {
  name: 'access-timed-out',
  description: 'indirect reseller without Azure access: reminded half-way, never granted, closed as access-timed-out (after 4 h here)',
  input: input('access-timed-out', indirectResellerAzureRequest()),
  async drive(handle) {
    await awaitingAccess(handle);
    await handle.result();
  },
  expected: { status: 'closed', outcome: 'access-timed-out', targetMet: null },
};

const answeredByPolling: ReplayScenario = {
  name: 'answered-by-polling',
  description: 'severity A, Microsoft polled: its note is found and taken as the answer; followed until closed (the close cancels the watch)',
  input: input('answered-by-polling', aServiceRequest({ severity: 'A' }), { polling: true }),
  async drive(handle, { microsoft }) {
    microsoft.addNote(await filedAtMicrosoft(handle), 'Engineer assigned, looking at the host logs');
    await responded(handle);
    await close(handle, 'Fixed by Microsoft');
  },
  expected: { status: 'closed', outcome: 'resolved', breached: false, targetMet: true },
};

/** Microsoft's note as the watch poller signals it: the ticket's first note, which is its answer. */
function answerFromMicrosoft(text: string, answeredAt: string) {
  const createdByName = 'Microsoft support';
  return {
    status: 'open',
    fromNoteCount: 0,
    newNotes: [{ text, createdByName, createdDate: answeredAt }],
    answer: { kind: 'responded' as const, answeredAt, note: text, answeredBy: createdByName },
  };
}

/** `offset` of uncompressed policy time after the filing, under CAPTURE_POLICY. */
function afterFiling(filedAt: string, offset: number): string {
  return new Date(Date.parse(filedAt) + offset * CAPTURE_POLICY.timeScale).toISOString();
}

/** Microsoft asks for information once the ticket is filed (its answer: a note, then `attention_needed`), then writes again. */
async function askedForInformation(handle: TicketHandle, microsoft: ScriptedMicrosoftSupport): Promise<string> {
  const ticket = await filedAtMicrosoft(handle);
  microsoft.addNote(ticket, 'Please send the subscription id');
  microsoft.setStatus(ticket, 'attention_needed');
  await responded(handle);
  microsoft.addNote(ticket, 'Thanks, reproducing it now');
  return ticket;
}

const answeredByPoller: ReplayScenario = {
  name: 'answered-by-poller',
  description:
    "severity B, followed by the worker's watch poller: Microsoft's note is signalled as the answer at its own time, " +
    'then a note and a status change; each recorded; closed',
  input: input('answered-by-poller', aServiceRequest({ severity: 'B' }), { polling: true }),
  async drive(handle, { microsoft, recorded }) {
    const ticket = await askedForInformation(handle, microsoft);
    microsoft.setStatus(ticket, 'open');
    await recorded(handle, 'MicrosoftNoteAdded');
    await recorded(handle, 'MicrosoftStatusChanged');
    await responded(handle); // and settled
    await close(handle, 'Confirmed fixed');
  },
  expected: { status: 'closed', outcome: 'resolved', breached: false, targetMet: true },
};

const slaFromSourceScenarios: ReplayScenario[] = [
  {
    name: 'answer-in-time-heard-late',
    description:
      'severity A: breach and level 1 go out, then a coordinator records that Microsoft had answered just before the due ' +
      'time: the breach is withdrawn (SlaBreachCorrected, correction alert); closed, target met',
    input: input('answer-in-time-heard-late', aServiceRequest({ severity: 'A' })),
    async drive(handle) {
      const { responseDueAt } = await escalatedTo(handle, 1);
      const respondedAt = new Date(Date.parse(responseDueAt ?? '') - 100).toISOString();
      await handle.signal(microsoftRespondedSignal, { note: 'Answered by phone', respondedBy: 'coordinator@fabrikam.com', respondedAt });
      await waitForState(handle, (s) => !!s.breachCorrectedAt, 'the breach withdrawn');
      await close(handle, 'Fixed by Microsoft');
    },
    expected: { status: 'closed', outcome: 'resolved', breached: false, escalationLevel: 0, targetMet: true },
  },
  {
    name: 'answered-just-before-due',
    description:
      "severity A, Microsoft readable but not followed: it answers just before the due time; read again at the due time, " +
      'its answer is found: no breach; closed',
    input: input('answered-just-before-due', aServiceRequest({ severity: 'A' }), { polling: true }),
    ownWorker: true,
    async drive(handle, { microsoft }) {
      const { handoff } = await awaitingResponse(handle);
      if (!handoff) throw new Error('not filed');
      // Dated 5 minutes before the due time: unseen by the workflow until it reads Microsoft then.
      microsoft.addNote(handoff.microsoftTicketId, 'Engineer assigned', 'Microsoft support', afterFiling(handoff.filedAt, 2 * HOUR - 5 * MINUTE));
      await responded(handle);
      await close(handle, 'Fixed by Microsoft');
    },
    expected: { status: 'closed', outcome: 'resolved', breached: false, escalationLevel: 0, targetMet: true },
  },
  {
    name: 'late-answer-heard-with-the-breach',
    description:
      'severity A: the worker is down across the due time; Microsoft answers (late, after level 2 fell due) and the ' +
      'overdue timer reach the workflow in one task: the breach, levels 1 and 2 are recorded, then the late answer; closed',
    input: input('late-answer-heard-with-the-breach', aServiceRequest({ severity: 'A' }), { polling: true }),
    ownWorker: true,
    async drive(handle, { pauseWorker, resumeWorker }) {
      const { handoff } = await awaitingResponse(handle);
      await pauseWorker();
      const resumeAt = Date.parse(afterFiling(handoff?.filedAt ?? '', 3 * HOUR + 15 * MINUTE));
      await new Promise((resolve) => setTimeout(resolve, resumeAt - Date.now())); // no query answers while it is down
      const answeredAt = afterFiling(handoff?.filedAt ?? '', 3 * HOUR + 10 * MINUTE);
      await handle.signal(microsoftTicketUpdatedSignal, answerFromMicrosoft('Sorry for the delay', answeredAt));
      await resumeWorker();
      await responded(handle);
      await close(handle, 'Answered late');
    },
    expected: { status: 'closed', outcome: 'resolved', breached: true, escalationLevel: 2, targetMet: false },
  },
  {
    name: 'cancelled-at-once',
    description: 'cancelled right after it was opened: the request and its closure are recorded all the same',
    input: input('cancelled-at-once', aServiceRequest({ severity: 'B' })),
    async drive(handle) {
      await handle.cancel();
      await handle.result();
    },
    expected: { status: 'closed', outcome: 'cancelled', breached: false, targetMet: null },
  },
  answeredByPoller,
];

const handoffRejected: ReplayScenario = {
  name: 'handoff-rejected',
  description: 'severity A naming an unknown support topic: Microsoft rejects the filing (400), closed as handoff-rejected',
  input: input('handoff-rejected', aServiceRequest({ severity: 'A', supportTopicId: UNKNOWN_SUPPORT_TOPIC_ID })),
  async drive() {
    // Nothing to do: the rejection ends the ticket.
  },
  expected: { status: 'closed', outcome: 'handoff-rejected', escalationLevel: 0, targetMet: null },
};

const microsoftKeptInStep: ReplayScenario = {
  name: 'microsoft-kept-in-step',
  description: "severity C: a coordinator's note and a raise to B go to Microsoft's ticket as notes; answered; closing ours closes Microsoft's",
  input: input('microsoft-kept-in-step', aServiceRequest({ severity: 'C' })),
  async drive(handle) {
    await awaitingResponse(handle);
    await handle.executeUpdate(sendNoteUpdate, { args: [{ text: 'Logs are on the customer portal', sentBy: 'ada@fabrikam.com' }] });
    await changeSeverity(handle, 'B', 'More users affected');
    await handle.signal(microsoftRespondedSignal, { note: 'Engineer assigned', respondedBy: 'Microsoft support' });
    await responded(handle);
    await close(handle, 'Fixed by Microsoft');
  },
  expected: { status: 'closed', outcome: 'resolved', severity: 'B', breached: false, targetMet: true },
};

/** Filed while our Partner Center credentials fail for it: blocked, then filed by itself once they work. */
function handoffBlockedScenarios(): ReplayScenario[] {
  const name = 'handoff-blocked-then-filed';
  const blockedThenFiled: ReplayScenario = {
    name,
    description: 'severity B filed while our credentials fail: HandoffBlocked and its alert, filed by itself once they work, answered, closed',
    input: input(name, aServiceRequest({ severity: 'B' })),
    before: ({ microsoft }, ticketId) => microsoft.credentialsFailingFor.add(ticketId),
    async drive(handle, { microsoft, recorded }) {
      await recorded(handle, 'HandoffBlocked');
      microsoft.credentialsFailingFor.delete(goldenTicketId(name));
      await awaitingResponse(handle);
      await handle.signal(microsoftRespondedSignal, { note: 'Engineer assigned', respondedBy: 'Microsoft support' });
      await responded(handle);
      await close(handle, 'Fixed by Microsoft');
    },
    expected: { status: 'closed', outcome: 'resolved', breached: false, targetMet: true },
  };
  return [
    blockedThenFiled,
    {
      ...beforePatches(
        blockedThenFiled,
        'handoff-blocked-before-patch',
        'credentials failing, on a ticket started before a blocked filing waited: the workflow failed, the ticket stayed handing off',
        'failed',
      ),
      async drive() {
        // Nothing to do: the blocked filing fails the workflow.
      },
    },
  ];
}

/** Requests the API would refuse, started on the workflow directly: the domain refuses them too. */
function intakeCheckScenarios(): ReplayScenario[] {
  const titleTooLong = aServiceRequest({ severity: 'C', title: `Virtual machines unreachable ${'again '.repeat(50)}` });
  const refused: ReplayScenario = {
    name: 'refused-as-invalid',
    description: 'a request whose partner is a list and whose title is too long: refused with both named, closed',
    input: input('refused-as-invalid', { ...titleTooLong, partner: [] as unknown as ServiceRequest['partner'] }),
    async drive(handle) {
      await handle.result();
    },
    expected: { status: 'closed', outcome: 'refused', targetMet: null },
  };
  const filedAnyway: ReplayScenario = {
    ...refused,
    input: input('refused-as-invalid', titleTooLong),
    async drive(handle) {
      await awaitingResponse(handle);
      await close(handle, 'Filed with a long title');
    },
    expected: { status: 'closed', outcome: 'resolved', breached: false },
  };
  return [
    refused,
    beforePatches(filedAnyway, 'title-too-long-before-intake-check', 'a title too long, on a ticket started before the intake check: filed, closed'),
  ];
}

/** As the API opens tickets since eligibility is decided at intake: the decision is in the input, recorded with the request. */
function decidedAtIntake(scenario: ReplayScenario, name: string, description: string): ReplayScenario {
  const { request } = scenario.input;
  return { ...scenario, name, description, input: { ...scenario.input, id: goldenTicketId(name), eligibility: decideEligibility(request) } };
}

/**
 * Tickets since FEWER_ROUND_TRIPS_PATCH, opened as the API opens them: each alert sent by the activity that stores its
 * events, the poller told by the filing and stopped with Microsoft's ticket closed, the due time's read of Microsoft
 * sending the breach alert, a severity change answered before its note to Microsoft.
 */
function fewerRoundTripsScenarios(): ReplayScenario[] {
  return [
    decidedAtIntake(
      answeredByPoller,
      'answered-in-fewer-round-trips',
      'severity B, eligibility decided at intake, followed by the poller from the filing: answered, a note and a status ' +
        "change, closed; each alert sent by the activity that stores its events, the poller stopped with Microsoft's close",
    ),
    decidedAtIntake(
      warnedAndBreachedOnRecordedClock,
      'breached-with-the-read',
      'severity A, Microsoft readable but silent: warning; at the due time one activity reads Microsoft and sends the ' +
        'breach alert, recorded after; level 1; closed',
    ),
    decidedAtIntake(
      microsoftKeptInStep,
      'kept-in-step-in-fewer-round-trips',
      "severity C: a coordinator's note, a raise to B answered once stored (its note to Microsoft follows), answered, " +
        "closing ours closes Microsoft's",
    ),
  ];
}

/**
 * Since FOLLOW_UP_TARGETS_PATCH: after the first answer, a target on whoever owes the next word. Severity A under
 * CAPTURE_POLICY: Microsoft's next update is due 7.2 s after each of its words, our reply 1.8 s after its question.
 */
const followedUp = aServiceRequest({ severity: 'A' });
/** Our reply due 1.8 s after Microsoft's question at severity A, 3.6 s at B: both around the clock, whatever the day. */
const FOLLOW_UP_CAPTURE_POLICY: SlaPolicy = {
  ...CAPTURE_POLICY,
  followUp: { ...DEFAULT_FOLLOW_UP_POLICY, partnerReply: { A: { minutes: 60 }, B: { minutes: 120 }, C: { minutes: 240 } } },
};
const followUpTargets: ReplayScenario = {
  name: 'follow-up-targets',
  description:
    "severity A followed by the poller: answered; a note re-arms Microsoft's next-update target, which is then missed " +
    '(warning, breach, level 1); Microsoft asks for information (its clock paused), our reply is late (warning, breach); ' +
    "lowered to B as soon as asked (our target re-timed); our note resumes Microsoft's clock; closed",
  input: { ...input('follow-up-targets', followedUp, { polling: true, policy: FOLLOW_UP_CAPTURE_POLICY }), eligibility: decideEligibility(followedUp) },
  async drive(handle, { microsoft, recorded }) {
    const ticket = await filedAtMicrosoft(handle);
    microsoft.addNote(ticket, 'Engineer assigned');
    await recorded(handle, 'FollowUpTargetSet');
    microsoft.addNote(ticket, 'Still investigating');
    await recorded(handle, 'FollowUpEscalated');
    microsoft.addNote(ticket, 'Which region is the subscription in?');
    microsoft.setStatus(ticket, 'attention_needed');
    await recorded(handle, 'MicrosoftClockPaused');
    await changeSeverity(handle, 'B', 'Only the test subscription is down after all');
    await recorded(handle, 'FollowUpBreached', 2);
    await handle.executeUpdate(sendNoteUpdate, { args: [{ text: 'West Europe', sentBy: 'ada@fabrikam.com' }] });
    await recorded(handle, 'MicrosoftClockResumed');
    microsoft.setStatus(ticket, 'open'); // as Partner Center does on our note: not Microsoft's word
    await recorded(handle, 'MicrosoftStatusChanged', 2);
    await close(handle, 'Fixed by Microsoft');
  },
  expected: {
    status: 'closed',
    outcome: 'resolved',
    severity: 'B',
    breached: false,
    targetMet: true,
    followUpBreaches: { 'microsoft-update': 1, 'partner-reply': 1 },
  },
};

/** Since FOLLOW_UP_TARGETS_PATCH: Microsoft closing its ticket ends the rounds, reopening it starts them again. */
const closedByMicrosoft = aServiceRequest({ severity: 'B' });
const closedAndReopenedByMicrosoft: ReplayScenario = {
  name: 'follow-up-closed-by-microsoft',
  description:
    "severity B followed by the poller: answered; Microsoft closes its ticket (the rounds end, resolved then), reopens " +
    "it (Microsoft's next update owed again); closed",
  input: { ...input('follow-up-closed-by-microsoft', closedByMicrosoft, { polling: true }), eligibility: decideEligibility(closedByMicrosoft) },
  async drive(handle, { microsoft, recorded }) {
    const ticket = await filedAtMicrosoft(handle);
    microsoft.addNote(ticket, 'Engineer assigned');
    await recorded(handle, 'FollowUpTargetSet');
    microsoft.setStatus(ticket, 'closed');
    await recorded(handle, 'FollowUpAnswered');
    microsoft.setStatus(ticket, 'open');
    await recorded(handle, 'FollowUpTargetSet', 2);
    await close(handle, 'Fixed by Microsoft');
  },
  expected: { status: 'closed', outcome: 'resolved', breached: false, targetMet: true },
};

/** Since FOLLOW_UP_TARGETS_PATCH: the policy's optional resolution target, 1.8 s for severity A under CAPTURE_POLICY. */
const resolutionTargetBreached: ReplayScenario = {
  name: 'resolution-target-breached',
  description: 'severity A followed by the poller, with a resolution target of 1 h: answered at once, not resolved in time (breach); closed',
  input: {
    ...input('resolution-target-breached', followedUp, {
      polling: true,
      policy: { ...CAPTURE_POLICY, followUp: { ...DEFAULT_FOLLOW_UP_POLICY, resolution: { A: { minutes: 60 } } } },
    }),
    eligibility: decideEligibility(followedUp),
  },
  async drive(handle, { microsoft, recorded }) {
    microsoft.addNote(await filedAtMicrosoft(handle), 'Engineer assigned');
    await recorded(handle, 'ResolutionTargetBreached');
    await close(handle, 'Fixed by Microsoft');
  },
  expected: { status: 'closed', outcome: 'resolved', resolutionBreached: true },
};

export const SCENARIOS: readonly ReplayScenario[] = [
  {
    name: 'answered-in-time',
    description: 'severity A: breach warning at 1 h 30, Microsoft answers (signal) before the 2 h breach, closed',
    input: input('answered-in-time', aServiceRequest({ severity: 'A' })),
    async drive(handle) {
      await waitForState(handle, (s) => !!s.warnedAt, 'a breach warning');
      await handle.signal(microsoftRespondedSignal, { note: 'Engineer assigned', respondedBy: 'Microsoft support' });
      await responded(handle);
      await close(handle, 'Fixed by Microsoft');
    },
    expected: { status: 'closed', outcome: 'resolved', breached: false, escalationLevel: 0, targetMet: true },
  },
  breachScenario(1),
  breachScenario(2),
  breachScenario(3),
  ...oneAlertPathScenarios(),
  ...recordedClockScenarios(),
  alertAtOnceScenario(),
  {
    name: 'late-answer',
    description: 'severity A: breached at 2 h (level 1), Microsoft answers before level 2, closed',
    input: input('late-answer', aServiceRequest({ severity: 'A' })),
    async drive(handle) {
      await escalatedTo(handle, 1);
      await handle.signal(microsoftRespondedSignal, { note: 'Sorry for the delay', respondedBy: 'Microsoft support' });
      await responded(handle);
      await close(handle, 'Answered late');
    },
    expected: { status: 'closed', outcome: 'resolved', breached: true, escalationLevel: 1, targetMet: false },
  },
  severityRaisedPastDue('severity-raised-breaches-at-once'),
  {
    name: 'severity-lowered',
    description: 'severity A lowered to C at once: the target moves from 2 h to 8 h; warning at 6 h, breach at 8 h; closed',
    input: input('severity-lowered', aServiceRequest({ severity: 'A' })),
    async drive(handle) {
      await awaitingResponse(handle);
      await changeSeverity(handle, 'C', 'Workaround found');
      await escalatedTo(handle, 1);
      await close(handle, 'Workaround is enough');
    },
    expected: { status: 'closed', outcome: 'resolved', severity: 'C', breached: true, escalationLevel: 1, targetMet: false },
  },
  {
    name: 'acted-on-by-principals',
    description:
      "a ticket keyed per partner tenant (`<partner>~<id>`); its severity change, note, Microsoft's answer and closure each record who did it from the credential (`by`)",
    input: scoped(input('acted-on-by-principals', aServiceRequest({ severity: 'B' }))),
    async drive(handle) {
      await awaitingResponse(handle);
      await handle.executeUpdate(changeSeverityUpdate, { args: [{ severity: 'C', reason: 'A workaround holds', changedBy: 'Ada', by: ADA }] });
      await handle.executeUpdate(sendNoteUpdate, { args: [{ text: 'Logs attached', sentBy: 'Ada', by: ADA }] });
      await handle.signal(microsoftRespondedSignal, { note: 'Engineer assigned', respondedBy: 'Bridge', by: BRIDGE });
      await responded(handle);
      await handle.executeUpdate(closeUpdate, { args: [{ resolution: 'Fixed', closedBy: 'Ada', by: ADA }] });
    },
    expected: { status: 'closed', outcome: 'resolved', severity: 'C', breached: false, targetMet: true },
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
    description: 'indirect reseller without Azure access: reminded half-way through the wait, then granted; handed off, answered, closed',
    input: input('azure-access-granted', indirectResellerAzureRequest()),
    async drive(handle, { recorded }) {
      await awaitingAccess(handle);
      await recorded(handle, 'AzureAccessReminded');
      await handle.signal(azureAccessGrantedSignal, { grantedBy: 'provider-admin@fabrikam.com' });
      await awaitingResponse(handle);
      await handle.signal(microsoftRespondedSignal, { note: 'Looking into it' });
      await responded(handle);
      await close(handle, 'Fixed after access was granted');
    },
    expected: { status: 'closed', outcome: 'resolved', breached: false, targetMet: true },
  },
  accessTimedOut,
  beforePatches(accessTimedOut, 'access-timed-out-before-reminder', 'access-timed-out, on a ticket started before the reminder: never reminded'),
  {
    name: 'closed-while-awaiting-access',
    description: 'indirect reseller without Azure access: the coordinator closes it while it waits for access',
    input: input('closed-while-awaiting-access', indirectResellerAzureRequest()),
    async drive(handle) {
      await awaitingAccess(handle);
      await close(handle, 'Customer filed it directly');
    },
    expected: { status: 'closed', outcome: 'resolved', targetMet: null },
  },
  {
    name: 'cancelled',
    description: 'severity B waiting for Microsoft: the workflow is cancelled',
    input: input('cancelled', aServiceRequest({ severity: 'B' })),
    async drive(handle) {
      await awaitingResponse(handle);
      await handle.cancel();
      await handle.result();
    },
    expected: { status: 'closed', outcome: 'cancelled', breached: false },
  },
  {
    name: 'closed-before-answer',
    description: 'severity C: the coordinator closes it before Microsoft answers',
    input: input('closed-before-answer', aServiceRequest({ severity: 'C' })),
    async drive(handle) {
      await awaitingResponse(handle);
      await close(handle, 'Customer solved it');
    },
    expected: { status: 'closed', outcome: 'resolved', breached: false, targetMet: true },
  },
  {
    name: 'attention-needed',
    description: 'severity A: Microsoft asks for more information (attention needed, signal), closed',
    input: input('attention-needed', aServiceRequest({ severity: 'A' })),
    async drive(handle) {
      await awaitingResponse(handle);
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
  answeredByPolling,
  beforePatches(answeredByPolling, 'answered-by-polling-before-follow-up', 'answered-by-polling, on a ticket started before the follow-up: not followed after the answer'),
  {
    name: 'follow-up-after-answer',
    description:
      'severity B, Microsoft polled: asks for information (attention_needed), then a note, a status change, both at once; each recorded; closed',
    input: input('follow-up-after-answer', aServiceRequest({ severity: 'B' }), { polling: true }),
    async drive(handle, { microsoft, recorded }) {
      const ticket = await askedForInformation(handle, microsoft);
      await recorded(handle, 'MicrosoftNoteAdded');
      microsoft.setStatus(ticket, 'open');
      await recorded(handle, 'MicrosoftStatusChanged');
      microsoft.addNote(ticket, 'Fixed on our side, please confirm');
      microsoft.setStatus(ticket, 'closed');
      await recorded(handle, 'MicrosoftNoteAdded', 2);
      await recorded(handle, 'MicrosoftStatusChanged', 2);
      await responded(handle); // and settled: watching Microsoft again
      await close(handle, 'Confirmed fixed');
    },
    expected: { status: 'closed', outcome: 'resolved', breached: false, targetMet: true },
  },
  {
    name: 'polling-answered-by-signal',
    description: 'severity A, Microsoft polled, but a coordinator records the answer first: the watch is cancelled; closed',
    input: input('polling-answered-by-signal', aServiceRequest({ severity: 'A' }), { polling: true }),
    async drive(handle) {
      await awaitingResponse(handle);
      await handle.signal(microsoftRespondedSignal, { note: 'Answered by phone', respondedBy: 'coordinator@fabrikam.com' });
      await responded(handle);
      await close(handle, 'Fixed by Microsoft');
    },
    expected: { status: 'closed', outcome: 'resolved', breached: false, targetMet: true },
  },
  handoffRejected,
  beforePatches(
    handoffRejected,
    'handoff-rejected-before-closing',
    'handoff-rejected, on a ticket started before a rejection closed it: the workflow failed, the ticket stayed handing off',
    'failed',
  ),
  ...slaFromSourceScenarios,
  ...intakeCheckScenarios(),
  ...handoffBlockedScenarios(),
  microsoftKeptInStep,
  ...fewerRoundTripsScenarios(),
  followUpTargets,
  closedAndReopenedByMicrosoft,
  resolutionTargetBreached,
  ...quietHoursScenarios(),
];

/**
 * Since QUIET_HOURS_PATCH: severity B's warning (at 5.4 s) raised before its recipient's hours open (9 s after the
 * drive starts, every day) is held (AlertHeld), then delivered at the opening; and the same on a ticket from before,
 * which attempted it at once.
 */
function quietHoursScenarios(): ReplayScenario[] {
  const scenario = (name: string, description: string, domain: string, held: boolean): ReplayScenario => {
    const customer = { tenantId: '33333333-3333-4333-8333-333333333333', domain, name: 'Quiet Hours Ltd' };
    return {
      name,
      description,
      input: input(name, aServiceRequest({ severity: 'B', customer })),
      async drive(handle, { recorded, subscribeToAlerts }) {
        const receiver = await startWebhookReceiver([200]);
        try {
          const opensAt = Date.now() + 9_000;
          const start = (opensAt % (24 * HOUR)) / MINUTE;
          const hour: Array<[number, number]> = [[start, Math.min(start + 60, 24 * 60)]];
          const week = { 1: hour, 2: hour, 3: hour, 4: hour, 5: hour, 6: hour, 7: hour };
          await subscribeToAlerts({ url: receiver.url, secret: 'whsec-golden', customers: [domain], kinds: ['warning'], calendar: { timeZone: 'UTC', week } });
          if (held) await recorded(handle, 'AlertHeld');
          await recorded(handle, 'AlertDelivered');
        } finally {
          await receiver.close();
        }
        await close(handle, 'Fixed');
      },
      expected: { status: 'closed', outcome: 'resolved' },
    };
  };
  return [
    scenario(
      'alert-held-for-quiet-hours',
      "severity B: its warning, raised before the recipient's hours open, held (AlertHeld) and delivered at the opening; closed",
      'quiet-hours.example',
      true,
    ),
    {
      ...scenario('alert-held-before-quiet-hours', 'the same on a ticket from before quiet hours: the held warning attempted at once', 'quiet-hours-before.example', false),
      beforePatches: QUIET_HOURS_PATCH,
    },
  ];
}

/**
 * A synthetic long history for the replay benchmark: a severity-C ticket whose severity a coordinator changes
 * again and again (A, B, C, A, …) while Microsoft's answer is awaited; each change adds a dozen or so events
 * (the update, the search attributes, the re-timed timer, the event-log activity). Stops at about
 * `targetEvents` events, then closes the ticket. Under the default policy, so no mark falls due meanwhile.
 */
export function severityChurnScenario(targetEvents = 4_000): ReplayScenario {
  const name = 'severity-churn';
  return {
    name,
    description: `severity changed again and again while waiting, until about ${targetEvents} history events; closed`,
    input: input(name, aServiceRequest({ severity: 'C' }), { policy: DEFAULT_SLA_POLICY }),
    async drive(handle) {
      await awaitingResponse(handle);
      const closing = 20; // events the close adds: the update, the workflow tasks, the closing activities
      let severity: Severity = 'C';
      let events = 0;
      for (let change = 1; events < targetEvents - closing; change += 1) {
        severity = SEVERITIES[(SEVERITIES.indexOf(severity) + 1) % SEVERITIES.length];
        await changeSeverity(handle, severity, `re-triage ${change}`);
        // Each change adds at least a dozen events: counting only every few changes keeps the drive fast.
        if (change % 10 === 0 || targetEvents - closing - events < 200) events = (await handle.fetchHistory()).events?.length ?? 0;
      }
      await close(handle, 'Settled on a severity at last');
    },
    expected: { status: 'closed', outcome: 'resolved', breached: false },
  };
}
