import { isDeepStrictEqual } from 'node:util';
import { aServiceRequest } from '@escalade/domain/testing';
import { verifySignature } from '@escalade/alerting';
import { startWebhookReceiver } from '@escalade/alerting/testing';
import type { TicketView } from '@escalade/contract';
import { ticketStateQuery } from '@escalade/workflows';
import { onEscaladeSystem } from '../support/escalade-system';
import { readServerSentEvents, type ServerSentEvent } from '../support/server-sent-events';

// 0.001 turns severity A's 2 hours into 7.2 seconds, so a real breach happens during the test.
const TIME_SCALE = 0.001;

/** The partner tenant of aServiceRequest(): every ticket here is its. */
const PARTNER = '22222222-2222-2222-2222-222222222222';
/** A ticket's key among all partners' tickets, which names its workflow, event stream, notes and alerts. */
const keyOf = (id: string) => `${PARTNER}~${id}`;
const workflowIdOf = (id: string) => `service-request-${keyOf(id)}`;
const streamIdOf = (id: string) => `ticket-${keyOf(id)}`;

/** The events of a ticket that breaches, escalates once, is answered late and closed. */
const ANSWERED_LATE = [
  'ServiceRequestReceived',
  'EligibilityDecided',
  'HandedOff',
  'ResponseDueTimeSet',
  'BreachWarningRaised',
  'SlaBreached',
  'Escalated',
  'MicrosoftResponded',
  'ServiceRequestClosed',
  'MicrosoftTicketClosed',
];

describe('Escalade end to end: HTTP API + worker + Temporal dev server', () => {
  const e2e = onEscaladeSystem({ SLA_TIME_SCALE: String(TIME_SCALE), MICROSOFT_SUPPORT: 'in-process' });
  const http = () => e2e.system.http();

  const waitFor = (id: string, done: (t: TicketView) => boolean) => e2e.system.waitForTicket(id, done);

  /** Every run of the ticket's workflow id: visibility is eventually consistent, so wait until it shows `atLeast`. */
  async function runsOf(ticketId: string, atLeast: number): Promise<number> {
    const query = `WorkflowId = '${workflowIdOf(ticketId)}'`;
    const until = Date.now() + 10_000;
    let { count } = await e2e.env.client.workflow.count(query);
    while (count < atLeast && Date.now() < until) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      ({ count } = await e2e.env.client.workflow.count(query));
    }
    return count;
  }

  it('reports ready while the database and Temporal answer and nothing is parked or faulted', async () => {
    const { body } = await http().get('/health/ready').expect(200);
    expect(body).toMatchObject({
      status: 'ok',
      info: { database: { status: 'up' }, temporal: { status: 'up' }, projection: { status: 'up' }, journal: { status: 'up' } },
    });
    await http().get('/health/live').expect(200, { status: 'ok' });
  });

  it('drives a ticket through eligibility, handoff, breach, escalation, a late response and closure', async () => {
    const body = { ...aServiceRequest({ severity: 'A' }), requestId: 'e2e-breach-1' };
    const created = await http().post('/service-requests').send(body).expect(201);
    expect(created.body).toEqual({
      id: 'e2e-breach-1',
      partnerTenantId: PARTNER,
      workflowId: `service-request-${PARTNER}~e2e-breach-1`,
      status: 'checking-eligibility',
    });

    const waiting = await waitFor('e2e-breach-1', (t) => t.status === 'awaiting-response');
    expect(waiting.eligibility).toMatchObject({ decision: 'eligible' });
    expect(waiting.handoff).toMatchObject({ portal: 'azure-portal', url: 'https://portal.azure.com/#@contoso.com' });
    expect(waiting.handoff!.microsoftTicketId).toMatch(/^\d+$/);
    expect(Date.parse(waiting.responseDueAt!) - Date.parse(waiting.handoff!.filedAt)).toBe(2 * 3_600_000 * TIME_SCALE);
    expect(waiting.partnerTenantId).toBe(PARTNER);
    expect(waiting.links.temporalUi).toContain(`/workflows/${workflowIdOf('e2e-breach-1')}`);
    expect(waiting.responseWindow).toMatchObject({ startsAt: waiting.handoff!.filedAt, dueAt: waiting.responseDueAt });
    expect(waiting.responseWindow!.escalations.map((e) => e.level)).toEqual([1, 2, 3]);

    const breached = await waitFor('e2e-breach-1', (t) => t.escalationLevel >= 1);
    expect(breached).toMatchObject({ breached: true, breachedAt: waiting.responseDueAt, status: 'awaiting-response' });

    // The answer is the state the workflow reached once the answer is recorded.
    const answered = await http().post('/service-requests/e2e-breach-1/microsoft-response').send({ note: 'Engineer assigned' }).expect(202);
    expect(answered.body).toMatchObject({ id: 'e2e-breach-1', status: 'responded', breached: true });
    const responded = await waitFor('e2e-breach-1', (t) => t.status === 'responded');
    expect(responded.breached).toBe(true);

    const closed = await http().post('/service-requests/e2e-breach-1/close').send({ resolution: 'Service restored' }).expect(200);
    expect(closed.body).toMatchObject({ status: 'closed', outcome: 'resolved', targetMet: false, resolution: 'Service restored' });
    await http().post('/service-requests/e2e-breach-1/close').send({ resolution: 'again' }).expect(409);
    // The close answers once the ticket is closed; closing Microsoft's ticket is recorded right after.
    const timelineOf = async () => (await http().get('/service-requests/e2e-breach-1/timeline').expect(200)).body;
    let timeline = await timelineOf();
    for (let tries = 0; timeline.events.length < ANSWERED_LATE.length && tries < 100; tries += 1) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      timeline = await timelineOf();
    }
    expect(timeline.events.map((e: { type: string }) => e.type)).toEqual(ANSWERED_LATE);
    expect(timeline.events.map((e: { version: number }) => e.version)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    // Recorded by a coordinator (here the local admin's key), not read from Microsoft by the watch poller.
    expect(timeline.events[7].summary).toBe('Microsoft responded (late), recorded by local admin: Engineer assigned');
    expect(timeline.events[7].data.by).toMatchObject({ kind: 'api-key', name: 'local admin' });
    const { body: again } = await http().post('/service-requests/e2e-breach-1/microsoft-response').send({}).expect(409);
    expect(again.message).toMatch(/^Cannot record Microsoft's response on ticket e2e-breach-1: .*(already recorded|closed)/);
    await http()
      .post('/service-requests/e2e-breach-1/severity')
      .send({ severity: 'B', reason: 'too late', changedBy: 'coordinator' })
      .expect(409);
    const { body: badChange } = await http().post('/service-requests/e2e-breach-1/severity').send({ severity: 'X' }).expect(400);
    // changedBy is an optional display name now: who changed it is recorded from the credential.
    expect(badChange.errors.map((e: { field: string }) => e.field).sort()).toEqual(['reason', 'severity']);
  }, 60_000);

  it("judges the target on a coordinator's answer time: one before the due time, told after the breach, withdraws it", async () => {
    const body = { ...aServiceRequest({ severity: 'A' }), requestId: 'e2e-answered-at-1' };
    await http().post('/service-requests').send(body).expect(201);
    const breached = await waitFor('e2e-answered-at-1', (t) => t.escalationLevel >= 1);
    const respond = (respondedAt: string) =>
      http().post('/service-requests/e2e-answered-at-1/microsoft-response').send({ note: 'Called us back', respondedAt });

    const future = (await respond(new Date(Date.now() + 60_000).toISOString()).expect(400)).body;
    expect(future.errors).toEqual([{ field: 'respondedAt', problems: [expect.stringContaining('must not be in the future')] }]);
    const beforeFiling = new Date(Date.parse(breached.handoff!.filedAt) - 1_000).toISOString();
    expect((await respond(beforeFiling).expect(400)).body.errors[0].problems[0]).toContain('must not be before the ticket was filed');
    const { body: malformed } = await respond('yesterday at noon').expect(400);
    expect(malformed.errors.map((e: { field: string }) => e.field)).toEqual(['respondedAt']);
    await respond('2026-11-27T10:00:00').expect(400); // no time zone
    expect((await http().get('/service-requests/e2e-answered-at-1').expect(200)).body.status).toBe('awaiting-response');

    const answeredAt = new Date(Date.parse(breached.responseDueAt!) - 500).toISOString();
    await respond(answeredAt).expect(202);
    const corrected = await waitFor('e2e-answered-at-1', (t) => !!t.breachCorrectedAt);
    expect(corrected).toMatchObject({ status: 'responded', respondedAt: answeredAt, breached: false, escalationLevel: 0, targetMet: true });
    const { body: timeline } = await http().get('/service-requests/e2e-answered-at-1/timeline').expect(200);
    const last = timeline.events.filter((e: { type: string }) => e.type !== 'AlertDelivered').at(-1);
    expect(last).toMatchObject({ type: 'SlaBreachCorrected', summary: expect.stringContaining('Breach withdrawn') });
    // The read model follows: the ticket is listed as answered and not breached.
    const listed = async () => (await http().get('/service-requests?status=responded&breached=false&limit=100').expect(200)).body.items;
    for (let tries = 0; !(await listed()).some((t: { id: string }) => t.id === 'e2e-answered-at-1'); tries += 1) {
      if (tries > 100) throw new Error('the read model never showed the breach withdrawn');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }, 60_000);

  it('reads a ticket from its stored events: the same as its workflow holds, waiting and closed', async () => {
    const id = 'e2e-stored-state-1';
    await http().post('/service-requests').send({ ...aServiceRequest({ severity: 'A' }), requestId: id }).expect(201);
    const handle = e2e.system.temporal.workflow.getHandle(workflowIdOf(id));
    /** The page and the workflow's query (through the API's client: payloads are encrypted), until no event came between. */
    const bothSides = async () => {
      for (;;) {
        const page = (await http().get(`/service-requests/${id}`).expect(200)).body as TicketView;
        const held = JSON.parse(JSON.stringify(await handle.query(ticketStateQuery)));
        const again = (await http().get(`/service-requests/${id}`).expect(200)).body;
        const { links: _links, ...read } = page;
        if (isDeepStrictEqual(again, page)) return { read, held };
      }
    };
    await waitFor(id, (t) => t.status === 'awaiting-response');
    const waiting = await bothSides();
    expect(waiting.read).toEqual(waiting.held);
    expect(waiting.read.responseWindow).toBeDefined();

    await http().post(`/service-requests/${id}/close`).send({ resolution: 'Restored' }).expect(200);
    await handle.result();
    const closed = await bothSides();
    expect(closed.read).toEqual(closed.held);
    expect(closed.read).toMatchObject({ status: 'closed', outcome: 'resolved' });
  }, 60_000);

  it('answers a repeat with the same Idempotency-Key with the same ticket, never a second one', async () => {
    const body = aServiceRequest({ severity: 'C', incidentType: 'non-break-fix' });
    const first = await http().post('/service-requests').set('Idempotency-Key', 'e2e-idem-1').send(body).expect(201);
    const { runId } = await e2e.system.temporal.workflow.getHandle(workflowIdOf('e2e-idem-1')).describe();
    const again = await http().post('/service-requests').set('Idempotency-Key', 'e2e-idem-1').send(body).expect(200);
    expect(again.body.id).toBe(first.body.id);
    expect((await e2e.system.temporal.workflow.getHandle(workflowIdOf('e2e-idem-1')).describe()).runId).toBe(runId);
    expect(await runsOf('e2e-idem-1', 1)).toBe(1);

    const conflicting = await http()
      .post('/service-requests')
      .set('Idempotency-Key', 'e2e-idem-1')
      .send({ ...body, title: 'Another problem' })
      .expect(422);
    expect(conflicting.body.message).toMatch(/already used for a different service request/);
    await http().post('/service-requests/e2e-idem-1/cancel').expect(202);
    expect(await waitFor('e2e-idem-1', (t) => t.status === 'closed')).toMatchObject({ outcome: 'cancelled' });
  });

  it("sends a coordinator's note to Microsoft's ticket and records it; 409 once closed, 404 for an unknown ticket", async () => {
    await http().post('/service-requests').send({ ...aServiceRequest({ severity: 'C' }), requestId: 'e2e-note-1' }).expect(201);
    await waitFor('e2e-note-1', (t) => t.status === 'awaiting-response');

    const sent = await http().post('/service-requests/e2e-note-1/notes').send({ text: 'Logs are on the portal', sentBy: 'ada' }).expect(200);
    expect(sent.body).toMatchObject({ id: 'e2e-note-1', status: 'awaiting-response' });
    const { body: timeline } = await http().get('/service-requests/e2e-note-1/timeline').expect(200);
    expect(timeline.events.find((e: { type: string }) => e.type === 'NoteSentToMicrosoft')).toMatchObject({
      data: { text: 'Logs are on the portal', sentBy: 'ada', ref: `${keyOf('e2e-note-1')}:note:1`, by: { kind: 'api-key', name: 'local admin' } },
      summary: 'Note sent to Microsoft by ada (signed in as local admin): Logs are on the portal',
    });
    await http().post('/service-requests/e2e-note-404/notes').send({ text: 'Hello' }).expect(404);
    await http().post('/service-requests/e2e-note-1/notes').send({ text: '  ' }).expect(400);
    const { body: notAwaitingAccess } = await http().post('/service-requests/e2e-note-1/azure-access-granted').send({}).expect(409);
    expect(notAwaitingAccess.message).toMatch(/^Cannot grant Azure access to ticket e2e-note-1: .*the ticket is awaiting-response$/);
    await http().post('/service-requests/e2e-note-1/cancel').expect(202);
    await waitFor('e2e-note-1', (t) => t.status === 'closed');
    await http().post('/service-requests/e2e-note-1/notes').send({ text: 'Too late' }).expect(409);
    const { body: closed } = await http().post('/service-requests/e2e-note-1/microsoft-response').send({ note: 'Too late' }).expect(409);
    expect(closed.message).toMatch(/^Cannot record Microsoft's response on ticket e2e-note-1: .*closed$/);
    const { body: after } = await http().get('/service-requests/e2e-note-1/timeline').expect(200);
    expect(after.events.map((e: { type: string }) => e.type)).not.toContain('MicrosoftResponded');
  });

  it('answers a repeat with the original ticket even once Temporal has forgotten its closed workflow', async () => {
    const body = aServiceRequest({ severity: 'C' });
    await http().post('/service-requests').set('Idempotency-Key', 'e2e-idem-2').send(body).expect(201);
    await http().post('/service-requests/e2e-idem-2/cancel').expect(202);
    await waitFor('e2e-idem-2', (t) => t.status === 'closed');
    const handle = e2e.system.temporal.workflow.getHandle(workflowIdOf('e2e-idem-2'));
    await handle.result().catch(() => undefined); // ended (as cancelled), not only closed on its page
    // What the end of the namespace's retention does to a closed workflow. The dev server deletes an ended workflow
    // about 30 s after being asked (a running one at once, but this one has ended).
    await e2e.env.client.workflowService.deleteWorkflowExecution({
      namespace: e2e.env.namespace ?? 'default',
      workflowExecution: { workflowId: handle.workflowId },
    });
    for (const deadline = Date.now() + 60_000; await handle.describe().then(() => true, () => false); ) {
      if (Date.now() > deadline) throw new Error('the workflow was never deleted');
      await new Promise((resolve) => setTimeout(resolve, 250));
    }

    const again = await http().post('/service-requests').set('Idempotency-Key', 'e2e-idem-2').send(body).expect(200);
    expect(again.body).toEqual({ id: 'e2e-idem-2', partnerTenantId: PARTNER, workflowId: workflowIdOf('e2e-idem-2'), status: 'closed' });
    await expect(handle.describe()).rejects.toThrow(/not found/i);
    await http().post('/service-requests').set('Idempotency-Key', 'e2e-idem-2').send({ ...body, title: 'Another' }).expect(422);
  }, 90_000);

  it('rejects bad input with a 400 naming every invalid field, and starts nothing', async () => {
    const valid = { ...aServiceRequest(), requestId: 'e2e-bad-1' };
    const { body } = await http()
      .post('/service-requests')
      .send({
        ...valid,
        severity: 'Z',
        product: 'xbox',
        language: 'english please',
        customer: { ...valid.customer, domain: 'not a domain' },
        contact: { name: '', email: 'nope' },
        surprise: true,
      })
      .expect(400);
    const fields = body.errors.map((e: { field: string }) => e.field).sort();
    expect(fields).toEqual(['contact.email', 'contact.name', 'customer.domain', 'language', 'product', 'severity', 'surprise']);
    expect(body.errors.find((e: { field: string }) => e.field === 'severity').problems[0]).toMatch(/A, B, C/);
    await http().post('/service-requests').set('Idempotency-Key', 'bad key!').send(aServiceRequest()).expect(400);
    await http().post('/service-requests').send({ ...valid, product: 'marketplace' }).expect(400);
    await http().get('/service-requests/e2e-bad-1').expect(404); // no workflow was started
    expect(await runsOf('e2e-bad-1', 0)).toBe(0);
  });

  it('refuses a phone request, closing it with the reason', async () => {
    const { body } = await http().post('/service-requests').send(aServiceRequest({ channel: 'phone' })).expect(201);
    const closed = await waitFor(body.id, (t) => t.status === 'closed');
    expect(closed).toMatchObject({ outcome: 'refused', eligibility: { decision: 'refused' }, targetMet: null });
    expect(closed.eligibility!.reason).toMatch(/phone/i);
  });

  it('waits for Azure access and hands off once it is granted; rejects actions the state cannot take', async () => {
    const request = aServiceRequest({ partner: { role: 'indirect-reseller', azureAccessGranted: false } });
    const { body } = await http().post('/service-requests').send(request).expect(201);
    await waitFor(body.id, (t) => t.status === 'awaiting-access');
    const { body: early } = await http().post(`/service-requests/${body.id}/microsoft-response`).send({}).expect(409);
    expect(early.message).toMatch(/the ticket is awaiting-access$/);
    // The answer is the state the ticket moved on to.
    const granted = await http().post(`/service-requests/${body.id}/azure-access-granted`).send({ grantedBy: 'provider' }).expect(202);
    expect(granted.body).toMatchObject({ id: body.id, status: expect.stringMatching(/^(handing-off|awaiting-response)$/) });
    const handedOff = await waitFor(body.id, (t) => t.status === 'awaiting-response');
    expect(handedOff.handoff!.microsoftTicketId).toMatch(/^\d+$/);
    const { body: twice } = await http().post(`/service-requests/${body.id}/azure-access-granted`).send({}).expect(409);
    expect(twice.message).toMatch(new RegExp(`^Cannot grant Azure access to ticket ${body.id}: `));
    await http().post(`/service-requests/${body.id}/close`).send({ resolution: 'Solved' }).expect(200);
  });

  it('streams a ticket timeline live over SSE through eligibility, handoff, breach, escalation and closure', async () => {
    const typesOf = (events: ServerSentEvent[], streamId: string) =>
      events
        .map((e) => e.data as { streamId: string; type: string })
        .filter((e) => e.streamId === streamId)
        .map((e) => e.type);
    const closedIn = (streamId: string) => (events: ServerSentEvent[]) =>
      typesOf(events, streamId).includes('MicrosoftTicketClosed');

    // Last-Event-ID 0: the whole log, then live; so the test never depends on when the stream started.
    const everything = readServerSentEvents(`${e2e.system.url}/events/stream`, closedIn(streamIdOf('e2e-sse-1')), {
      headers: { ...e2e.system.authorization(), 'last-event-id': '0' },
    });
    await http().post('/service-requests').send({ ...aServiceRequest({ severity: 'A' }), requestId: 'e2e-sse-1' }).expect(201);
    const timeline = readServerSentEvents(`${e2e.system.url}/service-requests/e2e-sse-1/timeline/stream`, closedIn(streamIdOf('e2e-sse-1')), {
      headers: e2e.system.authorization(),
    });

    await waitFor('e2e-sse-1', (t) => t.escalationLevel >= 1);
    await http().post('/service-requests/e2e-sse-1/microsoft-response').send({ note: 'On it' }).expect(202);
    await waitFor('e2e-sse-1', (t) => t.status === 'responded');
    await http().post('/service-requests/e2e-sse-1/close').send({ resolution: 'Done' }).expect(200);

    const ticketEvents = await timeline;
    expect(typesOf(ticketEvents, streamIdOf('e2e-sse-1'))).toEqual(ANSWERED_LATE);
    expect(ticketEvents.every((e) => e.event === 'ticket-event' && Number(e.id) > 0)).toBe(true);
    expect(typesOf(await everything, streamIdOf('e2e-sse-1'))).toEqual(ANSWERED_LATE);

    const resumed = await readServerSentEvents(
      `${e2e.system.url}/service-requests/e2e-sse-1/timeline/stream`,
      (events) => events.length >= 2,
      { headers: { ...e2e.system.authorization(), 'last-event-id': ticketEvents[7].id! } },
    );
    expect(resumed.map((e) => e.id)).toEqual([ticketEvents[8].id, ticketEvents[9].id]);
  }, 60_000);

  it('lists tickets from the read model with filters and cursor pagination', async () => {
    const listed = async (query: string) => {
      const { body } = await http().get(`/service-requests${query}`).expect(200);
      return body as { items: Array<{ id: string; status: string; breached: boolean }>; nextCursor: string | null };
    };
    // The read model follows the log within moments.
    const until = Date.now() + 10_000;
    while (!(await listed('?status=closed&breached=true')).items.some((t) => t.id === 'e2e-breach-1')) {
      if (Date.now() > until) throw new Error('e2e-breach-1 never reached the tickets read model');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect((await listed('?severity=C&status=awaiting-response,closed')).items.every((t) => t.id !== 'e2e-breach-1')).toBe(true);

    const seen: string[] = [];
    let page = await listed('?limit=2');
    seen.push(...page.items.map((t) => t.id));
    while (page.nextCursor) {
      page = await listed(`?limit=2&cursor=${page.nextCursor}`);
      seen.push(...page.items.map((t) => t.id));
    }
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toContain('e2e-breach-1');
  }, 15_000); // the read model may take up to the loop's 10 s

  it("follows on from a list: /events/stream?after=<the list's position> misses nothing and repeats nothing older", async () => {
    const { body: list } = await http().get('/service-requests?limit=1').expect(200);
    expect(Number.isSafeInteger(list.position)).toBe(true);
    await http().post('/service-requests').send({ ...aServiceRequest({ severity: 'B' }), requestId: 'e2e-follow-1' }).expect(201);
    const received = (events: ServerSentEvent[]) =>
      events.some((e) => (e.data as { streamId: string }).streamId === streamIdOf('e2e-follow-1'));
    const followed = await readServerSentEvents(`${e2e.system.url}/events/stream?after=${list.position}`, received, {
      headers: e2e.system.authorization(),
    });
    expect(followed.every((e) => Number(e.id) > list.position)).toBe(true);
    await http().post('/service-requests/e2e-follow-1/cancel').expect(202);

    const { body } = await http().get('/events/stream?after=-1').expect(400);
    expect(body.errors).toEqual([{ field: 'after', problems: ['after must not be negative'] }]);
  });

  it('rejects bad list parameters with a 400 naming each of them', async () => {
    const { body } = await http()
      .get('/service-requests?status=lost&severity=Z&breached=maybe&dueBefore=tomorrow&limit=0&colour=red')
      .expect(400);
    expect(body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
      'breached',
      'colour',
      'dueBefore',
      'limit',
      'severity',
      'status',
    ]);
    await http().get('/service-requests?cursor=not-a-cursor').expect(400);
  });

  it('delivers breach and escalation alerts to a webhook that fails at first: signed, retried, each once', async () => {
    // The receiver answers 500 twice, then 200 to everything.
    const receiver = await startWebhookReceiver([500, 500, 200]);
    const secret = 'webhook-secret-for-e2e';
    try {
      const { body: subscription } = await http()
        .post('/alert-subscriptions')
        .send({ url: receiver.url, secret, kinds: ['breach', 'escalation'], severities: ['A'] })
        .expect(201);
      expect(subscription).not.toHaveProperty('secret');

      await http().post('/service-requests').send({ ...aServiceRequest({ severity: 'A' }), requestId: 'e2e-hook-1' }).expect(201);
      await waitFor('e2e-hook-1', (t) => t.escalationLevel >= 1);
      await http().post('/service-requests/e2e-hook-1/microsoft-response').send({}).expect(202);

      type Delivery = { id: string; status: string; attemptCount: number; kind: string; ticketId: string; partnerTenantId: string };
      const deliveries = async (): Promise<Delivery[]> =>
        (await http().get('/alerts?ticketId=e2e-hook-1').expect(200)).body.items;
      const until = Date.now() + 40_000;
      while ((await deliveries()).some((d) => d.status !== 'delivered') || (await deliveries()).length < 2) {
        if (Date.now() > until) throw new Error(`alerts not delivered: ${JSON.stringify(await deliveries())}`);
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
      const delivered = await deliveries();
      expect(delivered.map((d) => d.kind).sort()).toEqual(['breach', 'escalation']);
      for (const delivery of delivered) {
        expect(delivery).toMatchObject({ ticketId: 'e2e-hook-1', partnerTenantId: PARTNER, id: expect.stringMatching(`^${keyOf('e2e-hook-1')}:`) });
      }

      const forTicket = receiver.received
        .map((request, index) => ({ ...request, answeredOk: index >= 2 }))
        .filter((request) => String(request.headers['idempotency-key']).startsWith(`${keyOf('e2e-hook-1')}:`));
      for (const { headers, body } of forTicket) {
        const valid = verifySignature(secret, String(headers['x-escalade-timestamp']), body, String(headers['x-escalade-signature']));
        expect(valid).toBe(true);
      }
      const keys = delivered.map((d) => d.id);
      for (const key of keys) {
        expect(forTicket.filter((r) => r.headers['idempotency-key'] === key && r.answeredOk)).toHaveLength(1);
      }
      expect(forTicket.length).toBeGreaterThan(keys.length); // the failed attempts were retried

      // A delivery is marked delivered before the workflow records it on the timeline.
      const deliveredEvents = async () =>
        (await http().get('/service-requests/e2e-hook-1/timeline').expect(200)).body.events.filter(
          (e: { type: string }) => e.type === 'AlertDelivered',
        );
      for (let tries = 0; (await deliveredEvents()).length < 2 && tries < 100; tries += 1) {
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect(await deliveredEvents()).toHaveLength(2);
      await http().delete(`/alert-subscriptions/${subscription.id}`).expect(204);
    } finally {
      await receiver.close();
    }
  }, 60_000);

  it('answers 404 for an unknown ticket', async () => {
    await http().get('/service-requests/does-not-exist').expect(404);
    await http().get('/service-requests/does-not-exist/timeline').expect(404);
    await http().get('/service-requests/does-not-exist/timeline/stream').expect(404);
    await http().post('/service-requests/does-not-exist/close').send({ resolution: 'x' }).expect(404);
  });

  it('serves the OpenAPI document', async () => {
    const { body } = await http().get('/docs-json').expect(200);
    expect(Object.keys(body.paths)).toEqual(
      expect.arrayContaining(['/service-requests', '/service-requests/{id}', '/service-requests/{id}/close', '/health']),
    );
  });
});
