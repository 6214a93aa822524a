// After Microsoft's first answer (issue 19): Microsoft's next-update target re-armed by each of its words, our own
// target while Microsoft waits for information from us (its clock paused), both re-timed by a severity change, and the
// resolution time with the paused time taken out.
import { DEFAULT_SLA_POLICY, type FollowUpPolicy, type SlaPolicy } from '@escalade/domain';
import { aServiceRequest } from '@escalade/domain/testing';
import { changeSeverityUpdate, closeUpdate, microsoftTicketUpdatedSignal, sendNoteUpdate, type MicrosoftTicketUpdate } from '@escalade/workflows';
import { eventTypesOf, onTimeSkippingServer, stateOf, stateWhen, waitForStatus, WorkflowHarness } from '../support/workflow-harness';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
/** Around the clock for every severity: the tests do not depend on the weekday the server's clock starts on. */
const FOLLOW_UP: FollowUpPolicy = {
  microsoftUpdate: { A: { minutes: 240 }, B: { minutes: 480 }, C: { minutes: 720 } },
  partnerReply: { A: { minutes: 60 }, B: { minutes: 120 }, C: { minutes: 240 } },
};
const POLICY: SlaPolicy = { ...DEFAULT_SLA_POLICY, followUp: FOLLOW_UP };
/** Followed by the watch poller, whose signals the tests send. */
const FOLLOWED = { microsoftPollIntervalMs: 10_000 };

const iso = (ms: number) => new Date(ms).toISOString();
const note = (text: string, at: number) => ({ text, createdByName: 'Microsoft support', createdDate: iso(at) });

describe('follow-up targets after the first answer (time-skipping server)', () => {
  const server = onTimeSkippingServer((env) => new WorkflowHarness(env));
  const now = () => server.env.currentTimeMs();
  /** The ticket's events after its first answer, leaving out alert deliveries. */
  const eventsAfterTheAnswer = async (handle: Parameters<typeof eventTypesOf>[1]) => {
    const types = (await eventTypesOf(server.harness, handle)).filter((type) => type !== 'AlertDelivered');
    return types.slice(types.indexOf('MicrosoftResponded') + 1);
  };
  const alertKinds = (ticketId: string) => server.harness.alertsRaised(ticketId).map((alert) => alert.alertKey.split(':').slice(1).join(':')).sort();

  /** Opens a severity `severity` ticket and has Microsoft answer it now with `update` (its first word). */
  async function answered(severity: 'A' | 'B' | 'C', first: (at: number) => MicrosoftTicketUpdate) {
    const handle = await server.harness.open(aServiceRequest({ severity }), POLICY, FOLLOWED);
    const waiting = await waitForStatus(handle, 'awaiting-response');
    const at = await now();
    await handle.signal(microsoftTicketUpdatedSignal, first(at));
    const state = await stateWhen(handle, (ticket) => ticket.followUp !== undefined);
    return { handle, id: waiting.id, filedAt: Date.parse(waiting.handoff!.filedAt), answeredAt: at, state };
  }

  const respondedNow = (at: number): MicrosoftTicketUpdate => ({
    status: 'open',
    fromNoteCount: 0,
    newNotes: [note('Engineer assigned', at)],
    answer: { kind: 'responded', answeredAt: iso(at), note: 'Engineer assigned', answeredBy: 'Microsoft support' },
  });
  const askedNow = (at: number): MicrosoftTicketUpdate => ({
    status: 'attention_needed',
    fromNoteCount: 0,
    newNotes: [note('Please send the subscription id', at)],
    answer: { kind: 'attention-needed', answeredAt: iso(at), note: 'Please send the subscription id', answeredBy: 'Microsoft support' },
  });

  it("re-arms Microsoft's next-update target at each of its notes, and raises warning, breach and ladder when it is missed", async () => {
    const { handle, id, answeredAt, state } = await answered('A', respondedNow);
    expect(state.followUp).toMatchObject({ target: 'microsoft-update', round: 1, startsAt: iso(answeredAt), dueAt: iso(answeredAt + 4 * HOUR), breached: false });

    await server.env.sleep(2.5 * HOUR); // before the warning (at 3 h)
    const saidAt = answeredAt + 2 * HOUR; // Microsoft's own time for its note, heard half an hour later
    await handle.signal(microsoftTicketUpdatedSignal, { status: 'open', fromNoteCount: 1, newNotes: [note('Still investigating', saidAt)] });
    const rearmed = await stateWhen(handle, (ticket) => ticket.followUp?.round === 2);
    expect(rearmed.followUp).toMatchObject({ target: 'microsoft-update', startsAt: iso(saidAt), dueAt: iso(saidAt + 4 * HOUR) });
    expect(rearmed.followUp?.warnedAt).toBeUndefined();

    await server.env.sleep(saidAt + 4 * HOUR + MINUTE - (await now())); // the warning, the breach and level 1
    const breached = await stateWhen(handle, (ticket) => (ticket.followUp?.escalations.length ?? 0) === 1);
    expect(breached.followUp).toMatchObject({ round: 2, warnedAt: iso(saidAt + 3 * HOUR), breached: true });
    expect(breached.followUpBreaches).toBeUndefined(); // a miss once answered late, or closed unanswered
    await server.env.sleep(2 * HOUR); // level 2: half the window after the breach
    await stateWhen(handle, (ticket) => (ticket.followUp?.escalations.length ?? 0) === 2);

    await handle.executeUpdate(closeUpdate, { args: [{ resolution: 'Fixed' }] });
    expect(await handle.result()).toMatchObject({ targetMet: true, followUpBreaches: { 'microsoft-update': 1 } });
    expect(await eventsAfterTheAnswer(handle)).toEqual([
      'FollowUpTargetSet',
      'MicrosoftNoteAdded',
      'FollowUpAnswered',
      'FollowUpTargetSet',
      'FollowUpWarningRaised',
      'FollowUpBreached',
      'FollowUpEscalated',
      'FollowUpEscalated',
      'ServiceRequestClosed',
      'MicrosoftTicketClosed',
    ]);
    expect(alertKinds(id)).toEqual(['closure', 'response', 'update-breach:2', 'update-escalation:2:1', 'update-escalation:2:2', 'update-warning:2']);
  });

  it("pauses Microsoft's clock while it waits for our reply, re-times our target on a severity change, and resumes on our note", async () => {
    const { handle, id, filedAt, answeredAt, state } = await answered('B', askedNow);
    expect(state.followUp).toMatchObject({ target: 'partner-reply', round: 1, dueAt: iso(answeredAt + 2 * HOUR) });
    expect(state.pauses).toEqual([{ from: iso(answeredAt) }]);

    await server.env.sleep(30 * MINUTE);
    await handle.executeUpdate(changeSeverityUpdate, { args: [{ severity: 'A', reason: 'Production is down now', changedBy: 'ada@fabrikam.com' }] });
    const retimed = await stateWhen(handle, (ticket) => ticket.followUp?.dueAt === iso(answeredAt + HOUR));
    expect(retimed).toMatchObject({ severity: 'A', followUp: { target: 'partner-reply', round: 1 }, pauses: [{ from: iso(answeredAt) }] });

    await server.env.sleep(answeredAt + 70 * MINUTE - (await now())); // our warning (45 min) and breach (1 h)
    await stateWhen(handle, (ticket) => ticket.followUp?.breached === true);
    await handle.executeUpdate(sendNoteUpdate, { args: [{ text: 'Subscription id: 0000-1111', sentBy: 'ada@fabrikam.com' }] });
    const resumed = await stateWhen(handle, (ticket) => ticket.followUp?.target === 'microsoft-update');
    const repliedAt = Date.parse(resumed.pauses![0].to!);
    expect(repliedAt).toBeGreaterThanOrEqual(answeredAt + 70 * MINUTE);
    expect(resumed).toMatchObject({ followUp: { round: 2, startsAt: iso(repliedAt), dueAt: iso(repliedAt + 4 * HOUR) }, followUpBreaches: { 'partner-reply': 1 } });

    await server.env.sleep(10 * MINUTE);
    await handle.executeUpdate(closeUpdate, { args: [{ resolution: 'Fixed' }] });
    const closed = await handle.result();
    const pausedMs = repliedAt - answeredAt;
    expect(closed.resolutionMs).toBe(Date.parse(closed.closedAt!) - filedAt - pausedMs);
    const events = await eventsAfterTheAnswer(handle);
    // Two notes went to Microsoft: the severity change's (sent beside the re-timing) and our reply.
    expect(events.filter((type) => type === 'NoteSentToMicrosoft')).toHaveLength(2);
    expect(events.filter((type) => type !== 'NoteSentToMicrosoft')).toEqual([
      'MicrosoftClockPaused',
      'FollowUpTargetSet',
      'SeverityChanged',
      'FollowUpTargetSet',
      'FollowUpWarningRaised',
      'FollowUpBreached',
      'FollowUpAnswered',
      'MicrosoftClockResumed',
      'FollowUpTargetSet',
      'ServiceRequestClosed',
      'MicrosoftTicketClosed',
    ]);
    expect(alertKinds(id)).toEqual(['closure', 'reply-breach:1', 'reply-warning:1', 'response']);
  });

  it('passes the word to us when Microsoft later sets attention_needed, and back when Microsoft leaves it', async () => {
    const { handle, id, answeredAt } = await answered('A', respondedNow);
    await server.env.sleep(HOUR);
    const askedAt = answeredAt + 50 * MINUTE;
    await handle.signal(microsoftTicketUpdatedSignal, { status: 'attention_needed', fromNoteCount: 1, newNotes: [note('Which region?', askedAt)] });
    const owed = await stateWhen(handle, (ticket) => ticket.followUp?.target === 'partner-reply');
    // The word counts from Microsoft's own time for its note, not from when the poller told of it.
    expect(owed).toMatchObject({ followUp: { round: 2, startsAt: iso(askedAt), dueAt: iso(askedAt + HOUR) }, pauses: [{ from: iso(askedAt) }] });

    // Answered through the portal: Microsoft leaves attention_needed with a note of its own.
    await server.env.sleep(20 * MINUTE);
    const backAt = answeredAt + 75 * MINUTE;
    await handle.signal(microsoftTicketUpdatedSignal, { status: 'open', fromNoteCount: 2, newNotes: [note('Thanks, got it', backAt)] });
    const back = await stateWhen(handle, (ticket) => ticket.followUp?.target === 'microsoft-update' && ticket.followUp.round === 3);
    expect(back.pauses).toEqual([{ from: iso(askedAt), to: iso(backAt) }]);
    expect(back.followUpBreaches).toBeUndefined();

    await handle.executeUpdate(closeUpdate, { args: [{ resolution: 'Fixed' }] });
    await handle.result();
    expect(await eventsAfterTheAnswer(handle)).toEqual([
      'FollowUpTargetSet',
      'MicrosoftNoteAdded',
      'MicrosoftStatusChanged',
      'FollowUpAnswered',
      'MicrosoftClockPaused',
      'FollowUpTargetSet',
      'MicrosoftNoteAdded',
      'MicrosoftStatusChanged',
      'FollowUpAnswered',
      'MicrosoftClockResumed',
      'FollowUpTargetSet',
      'ServiceRequestClosed',
      'MicrosoftTicketClosed',
    ]);
    expect(alertKinds(id)).toEqual(['closure', 'reply-owed:2', 'response']);
  });

  it('ends the rounds when Microsoft closes its ticket (resolved then), and starts them again if Microsoft reopens it', async () => {
    const { handle, id, filedAt, answeredAt } = await answered('A', respondedNow);
    await server.env.sleep(30 * MINUTE);
    const fixedAt = answeredAt + 20 * MINUTE;
    await handle.signal(microsoftTicketUpdatedSignal, { status: 'closed', fromNoteCount: 1, newNotes: [note('Fixed on our side', fixedAt)] });
    const closedByMicrosoft = await stateWhen(handle, (ticket) => ticket.followUp === undefined && ticket.resolutionMs !== undefined);
    // Resolved when the poller told of the closure (nothing paused): a status has no time of its own at Microsoft.
    expect(filedAt + closedByMicrosoft.resolutionMs!).toBeGreaterThanOrEqual(answeredAt + 30 * MINUTE);

    await server.env.sleep(6 * HOUR); // no round: nothing is due from anyone
    expect(alertKinds(id)).toEqual(['response']);
    await handle.signal(microsoftTicketUpdatedSignal, { status: 'open', fromNoteCount: 2, newNotes: [] });
    const reopened = await stateWhen(handle, (ticket) => ticket.followUp !== undefined);
    expect(reopened.followUp).toMatchObject({ target: 'microsoft-update', round: 2 });

    await handle.executeUpdate(closeUpdate, { args: [{ resolution: 'Fixed' }] });
    expect((await handle.result()).resolutionMs).toBe(closedByMicrosoft.resolutionMs); // resolved when Microsoft first closed it
  });

  it('breaches the optional resolution target, moved on by the time Microsoft waited for us', async () => {
    const policy: SlaPolicy = { ...POLICY, followUp: { ...FOLLOW_UP, resolution: { B: { minutes: 8 * 60 } } } };
    const handle = await server.harness.open(aServiceRequest({ severity: 'B' }), policy, FOLLOWED);
    const waiting = await waitForStatus(handle, 'awaiting-response');
    const filedAt = Date.parse(waiting.handoff!.filedAt);
    const at = await now();
    await handle.signal(microsoftTicketUpdatedSignal, askedNow(at));
    await stateWhen(handle, (ticket) => ticket.followUp?.target === 'partner-reply');
    await server.env.sleep(HOUR); // Microsoft waits an hour for us: the target moves on by as much
    await handle.executeUpdate(sendNoteUpdate, { args: [{ text: 'Subscription id: 0000-1111' }] });
    const resumed = await stateWhen(handle, (ticket) => ticket.followUp?.target === 'microsoft-update');
    const pausedMs = Date.parse(resumed.pauses![0].to!) - Date.parse(resumed.pauses![0].from);
    const dueAt = filedAt + 8 * HOUR + pausedMs;

    await server.env.sleep(dueAt - MINUTE - (await now()));
    expect((await stateOf(handle)).resolutionBreached).toBeUndefined();
    await server.env.sleep(2 * MINUTE);
    await stateWhen(handle, (ticket) => ticket.resolutionBreached === true);
    const breach = server.harness.alertsRaised(waiting.id).find((alert) => alert.kind === 'resolution-breach');
    expect(breach?.summary).toBe(`Ticket ${waiting.id} is not resolved by its target, ${iso(dueAt)} (Microsoft's paused time excluded)`);
    await handle.executeUpdate(closeUpdate, { args: [{ resolution: 'Fixed' }] });
    expect(await eventsAfterTheAnswer(handle)).toContain('ResolutionTargetBreached');
  });

  it('closes a ticket still waiting for our reply with the paused time up to the closure taken out', async () => {
    const { handle, filedAt, answeredAt } = await answered('C', askedNow);
    await server.env.sleep(30 * MINUTE);
    await handle.executeUpdate(closeUpdate, { args: [{ resolution: 'The customer fixed it himself' }] });
    const closed = await handle.result();
    expect(closed.followUp).toBeUndefined();
    expect(closed.resolutionMs).toBe(answeredAt - filedAt);
  });
});
