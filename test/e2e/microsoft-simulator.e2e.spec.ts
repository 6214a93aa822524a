import { aServiceRequest } from '@escalade/domain/testing';
import type { TicketView } from '@escalade/contract';
import { microsoftAnswers, onEscaladeWithSimulator } from '../support/simulated-microsoft';
import { UNKNOWN_SUPPORT_TOPIC_ID } from '../support/test-microsoft-support';

// Severity A's 2 hours become 7.2 seconds; the simulator answers only when a test tells it to.
const TIME_SCALE = 0.001;

describe('Escalade end to end with Microsoft played by the simulator (Partner Center API over HTTP)', () => {
  const e2e = onEscaladeWithSimulator({ SLA_TIME_SCALE: String(TIME_SCALE) });
  const http = () => e2e.system.http();

  const waitFor = (id: string, done: (t: TicketView) => boolean) => e2e.system.waitForTicket(id, done);

  const answers = (microsoftTicketId: string, attentionNeeded = false) => microsoftAnswers(e2e.simulator, microsoftTicketId, attentionNeeded);

  /** The ticket's timeline once its event types satisfy `done`. */
  async function waitForTimeline(id: string, done: (types: string[]) => boolean, timeoutMs = 10_000) {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const response = await http().get(`/service-requests/${id}/timeline`).expect(200);
      const types = response.body.events.map((e: { type: string }) => e.type);
      if (done(types)) return response;
      if (Date.now() > until) throw new Error(`ticket ${id}'s timeline never got there: ${types.join(', ')}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  async function open(requestId: string): Promise<TicketView> {
    await http().post('/service-requests').send({ ...aServiceRequest({ severity: 'A' }), requestId }).expect(201);
    return waitFor(requestId, (t) => t.status === 'awaiting-response');
  }

  it('files the ticket through Partner Center with the mapped fields and Microsoft’s ticket number', async () => {
    const ticket = await open('sim-filed-1');
    const filed = e2e.simulator.store.get(ticket.handoff!.microsoftTicketId);
    expect(filed).toMatchObject({
      title: 'Virtual machines unreachable',
      severity: 'critical',
      status: 'open',
      primaryContact: { firstName: 'Ada', lastName: 'Support', email: 'ada@fabrikam.com' },
    });
    await http().post('/service-requests/sim-filed-1/cancel').expect(202);
  });

  it('closes the ticket as handoff-rejected when Partner Center rejects the filing (an unknown support topic: 400)', async () => {
    const request = { ...aServiceRequest({ severity: 'A', supportTopicId: UNKNOWN_SUPPORT_TOPIC_ID }), requestId: 'sim-rejected-1' };
    await http().post('/service-requests').send(request).expect(201);
    const closed = await waitFor('sim-rejected-1', (t) => t.status === 'closed');
    expect(closed).toMatchObject({ outcome: 'handoff-rejected', targetMet: null, escalationLevel: 0 });
    expect(closed.handoff).toBeUndefined();

    const { body: timeline } = await http().get('/service-requests/sim-rejected-1/timeline').expect(200);
    const [rejected, closure] = timeline.events.slice(-2);
    expect([rejected.type, closure.type]).toEqual(['HandoffRejected', 'ServiceRequestClosed']);
    expect(rejected.data).toMatchObject({ status: 400, code: 400 });
    expect(rejected.summary).toMatch(`SupportTopicId: "${UNKNOWN_SUPPORT_TOPIC_ID}" is not a support topic`);

    // The read model follows the log within moments.
    const listedOutcome = async () => {
      const { body } = await http().get('/service-requests?status=closed').expect(200);
      return (body.items as Array<{ id: string; outcome: string }>).find((t) => t.id === 'sim-rejected-1')?.outcome;
    };
    const until = Date.now() + 10_000;
    let outcome = await listedOutcome();
    while (!outcome) {
      if (Date.now() > until) throw new Error('sim-rejected-1 never reached the tickets read model');
      await new Promise((resolve) => setTimeout(resolve, 100));
      outcome = await listedOutcome();
    }
    expect(outcome).toBe('handoff-rejected');
  });

  it('ends the wait when Microsoft answers in time: no breach, target met', async () => {
    const ticket = await open('sim-in-time-1');
    await answers(ticket.handoff!.microsoftTicketId);
    const responded = await waitFor('sim-in-time-1', (t) => t.status === 'responded');
    expect(responded).toMatchObject({ breached: false, escalationLevel: 0 });

    // Later, Microsoft asks for more information: a new note and the status attention_needed.
    await answers(ticket.handoff!.microsoftTicketId, true);
    const types = async () =>
      ((await http().get('/service-requests/sim-in-time-1/timeline').expect(200)).body.events as Array<{ type: string }>).map(
        (e) => e.type,
      );
    const until = Date.now() + 10_000;
    while (!(await types()).includes('MicrosoftStatusChanged')) {
      if (Date.now() > until) throw new Error(`Microsoft's follow-up never reached the timeline: ${await types()}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }

    const { body: closed } = await http().post('/service-requests/sim-in-time-1/close').send({ resolution: 'Fixed' }).expect(200);
    expect(closed).toMatchObject({ outcome: 'resolved', targetMet: true });
    const { body: timeline } = await http().get('/service-requests/sim-in-time-1/timeline').expect(200);
    const answer = timeline.events.find((e: { type: string }) => e.type === 'MicrosoftResponded');
    expect(answer.data).toMatchObject({ late: false, respondedBy: 'Microsoft Support Engineer' });
    const followUp = timeline.events.filter((e: { type: string }) => ['MicrosoftNoteAdded', 'MicrosoftStatusChanged'].includes(e.type));
    expect(followUp.map((e: { type: string }) => e.type)).toEqual(['MicrosoftNoteAdded', 'MicrosoftStatusChanged']);
    expect(followUp[1].data).toEqual({ status: 'attention_needed', at: expect.any(String) }); // when the poller heard it
    expect(followUp[0].summary).toMatch(/^Note from Microsoft Support Engineer: .*more information/);
  });

  it('breaches and escalates first when Microsoft answers late, then records the late answer', async () => {
    const ticket = await open('sim-late-1');
    const escalated = await waitFor('sim-late-1', (t) => t.escalationLevel >= 1);
    expect(escalated.breached).toBe(true);
    await answers(ticket.handoff!.microsoftTicketId);
    const responded = await waitFor('sim-late-1', (t) => t.status === 'responded');
    expect(Date.parse(responded.respondedAt!)).toBeGreaterThan(Date.parse(responded.responseDueAt!));

    const { body: closed } = await http().post('/service-requests/sim-late-1/close').send({ resolution: 'Late fix' }).expect(200);
    expect(closed).toMatchObject({ outcome: 'resolved', targetMet: false, breached: true });
  }, 40_000);

  it('records Microsoft asking for information (attention_needed) as its answer', async () => {
    const ticket = await open('sim-attention-1');
    await answers(ticket.handoff!.microsoftTicketId, true);
    await waitFor('sim-attention-1', (t) => t.status === 'responded');
    const { body: timeline } = await http().get('/service-requests/sim-attention-1/timeline').expect(200);
    const answer = timeline.events.find((e: { type: string }) => e.type === 'MicrosoftResponded');
    expect(answer.data.attentionNeeded).toBe(true);
    expect(answer.summary).toMatch(/^Microsoft needs information/);
    await http().post('/service-requests/sim-attention-1/close').send({ resolution: 'Info sent' }).expect(200);
  });

  it("pauses Microsoft's clock while it waits for our information, and resumes it on our note (follow-up targets)", async () => {
    const ticket = await open('sim-paused-1');
    await answers(ticket.handoff!.microsoftTicketId, true);
    const owed = await waitFor('sim-paused-1', (t) => t.followUp?.target === 'partner-reply');
    expect(owed.pauses).toEqual([{ from: owed.respondedAt }]);
    expect(owed.followUp).toMatchObject({ round: 1, startsAt: owed.respondedAt });

    await http().post('/service-requests/sim-paused-1/notes').send({ text: 'Subscription id 0000-1111', sentBy: 'ada@fabrikam.com' }).expect(200);
    const resumed = await waitFor('sim-paused-1', (t) => t.followUp?.target === 'microsoft-update');
    const [pause] = resumed.pauses!;
    expect(resumed.followUp).toMatchObject({ round: 2, startsAt: pause.to });
    // Our note set Microsoft's ticket back to open: recorded, and not taken for Microsoft's word.
    expect(e2e.simulator.store.get(ticket.handoff!.microsoftTicketId)?.status).toBe('open');
    const { body: timeline } = await waitForTimeline('sim-paused-1', (types) => types.includes('MicrosoftStatusChanged'));
    expect((await http().get('/service-requests/sim-paused-1').expect(200)).body.followUp.round).toBe(2);
    const summaries = timeline.events.map((e: { summary: string }) => e.summary);
    expect(summaries).toEqual(expect.arrayContaining([
      "Microsoft's clock paused: Microsoft waits for information from us",
      expect.stringMatching(/^Our reply to Microsoft due by /),
      expect.stringMatching(/^Microsoft's clock resumed after \d+ min paused: our reply reached Microsoft$/),
      expect.stringMatching(/^Microsoft's next update due by /),
    ]));

    const { body: closed } = await http().post('/service-requests/sim-paused-1/close').send({ resolution: 'Info sent' }).expect(200);
    expect(closed.resolutionMs).toBe(Date.parse(closed.closedAt) - Date.parse(closed.handoff.filedAt) - (Date.parse(pause.to!) - Date.parse(pause.from)));
  });
});
