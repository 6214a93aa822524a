import { randomBytes } from 'node:crypto';
import { Logger } from '@nestjs/common';
import { ApplicationFailure } from '@temporalio/common';
import type { DataSource } from 'typeorm';
import { AlertDispatcher } from '@escalade/alerting';
import { aWebhookAlert, loopbackOutbound, startWebhookReceiver, type WebhookReceiver } from '@escalade/alerting/testing';
import { processRegistry } from '@escalade/metrics';
import { ScrapedMetrics } from '@escalade/metrics/testing';
import { KeyRing } from '@escalade/secrets';
import { aServiceRequest } from '@escalade/domain/testing';
import { EventStore } from '@escalade/event-store';
import { InProcessMicrosoftSupport, type MicrosoftAnswer as MicrosoftFirstEngagement, type MicrosoftSupport } from '@escalade/microsoft-support';
import { PartnerCenterCredentialsError, PartnerCenterRejectedError, PartnerCenterUnavailableError } from '@escalade/partner-center';
import { AlertDeliveryStore, AlertSubscriptionStore, JournalFaultStore, MicrosoftWatchStore } from '@escalade/persistence';
import { testDatabases } from '@escalade/persistence/testing';
import { MockActivityEnvironment } from '@temporalio/testing';
import { HANDOFF_BLOCKED_FAILURE, JOURNAL_FAULT_FAILURE, MICROSOFT_REJECTION_FAILURE, type EscalationAlert } from '@escalade/workflows';
import { createServiceRequestActivities } from './service-request.activities';

describe('service-request activities', () => {
  const database = testDatabases()[0];
  let dataSource: DataSource;
  const keyRing = new KeyRing(randomBytes(32));
  let events: EventStore;
  let microsoftWatches: MicrosoftWatchStore;
  const microsoftSupport = new InProcessMicrosoftSupport();
  const logger = new Logger('activities-spec');
  const log = jest.spyOn(logger, 'log').mockImplementation(() => undefined);

  beforeAll(async () => {
    dataSource = await database.open();
    events = new EventStore(dataSource);
    microsoftWatches = new MicrosoftWatchStore(dataSource);
  });
  afterAll(() => database.close(dataSource));

  const activities = (microsoft: MicrosoftSupport = microsoftSupport) => createServiceRequestActivities({
      microsoftSupport: microsoft,
      alertDispatcher: new AlertDispatcher(new AlertSubscriptionStore(dataSource, keyRing), new AlertDeliveryStore(dataSource), {
        outbound: loopbackOutbound(),
      }),
      events,
      microsoftWatches,
      journalFaults: new JournalFaultStore(dataSource),
      logger,
    });

  /** Microsoft as Partner Center would show a ticket its engineer has answered, then written to again. */
  const answering = new (class extends InProcessMicrosoftSupport {
    override async findAnswer(): Promise<MicrosoftFirstEngagement> {
      const engineer = 'Microsoft Support Engineer';
      const notes = [
        { text: 'Looking into it.', createdByName: engineer, createdDate: '2026-11-24T10:30:00Z' },
        { text: 'Found it.', createdByName: engineer, createdDate: '2026-11-24T10:40:00Z' },
      ];
      return { kind: 'responded', answeredAt: notes[0].createdDate, note: notes[0].text, answeredBy: engineer, progress: { status: 'open', notes } };
    }
  })();

  const rejecting = new (class extends InProcessMicrosoftSupport {
    override async fileServiceRequest(): Promise<never> {
      throw new PartnerCenterRejectedError('create service request', 400, 400, 'SupportTopicId: unknown', 'InvalidInput');
    }

    override async findAnswer(): Promise<never> {
      throw new PartnerCenterRejectedError('get service request 1', 404, 404, 'No service request with id "1"', 'ServiceRequestNotFound');
    }
  })();

  it('decides eligibility with the domain rules', async () => {
    await expect(activities().checkEligibility(aServiceRequest({ channel: 'phone' }))).resolves.toMatchObject({
      decision: 'refused',
    });
  });

  it('files one Microsoft ticket however often the handoff is retried', async () => {
    const request = aServiceRequest({ partner: { hasAdminPrivileges: false } });
    const first = await activities().handOffToMicrosoft({ ticketId: 't-9', request });
    const retried = await activities().handOffToMicrosoft({ ticketId: 't-9', request });
    expect(retried).toEqual(first); // Microsoft's creation time too: the clock starts at the first filing
    expect(first.filedAt).toEqual(expect.any(String));
    expect(first.target).toMatchObject({ portal: 'azure-portal', url: 'https://portal.azure.com/contoso.com' });
  });

  it('fails a filing Microsoft rejects at once, unretried, as the rejection the workflow closes the ticket on', async () => {
    const failure = await activities(rejecting).handOffToMicrosoft({ ticketId: 't-10', request: aServiceRequest() }).catch((err) => err);
    expect(failure).toBeInstanceOf(ApplicationFailure);
    expect(failure).toMatchObject({ type: MICROSOFT_REJECTION_FAILURE, nonRetryable: true, details: [{ status: 400, code: 400 }] });
  });

  it("retries a filing Partner Center throttles no sooner than its Retry-After, and blocks one our credentials can't make", async () => {
    const answering = (failure: Error) =>
      new (class extends InProcessMicrosoftSupport {
        override async fileServiceRequest(): Promise<never> {
          throw failure;
        }
      })();
    const throttled = new PartnerCenterUnavailableError('create service request', 'HTTP 429', { status: 429, retryAfterMs: 30_000 });
    const refused = new PartnerCenterCredentialsError('create service request', 'renewal-refused', 'invalid_grant');
    const file = (failure: Error) =>
      activities(answering(failure)).handOffToMicrosoft({ ticketId: 't-12', request: aServiceRequest() }).catch((err: unknown) => err);

    expect(await file(throttled)).toMatchObject({ nonRetryable: false, nextRetryDelay: 30_000 });
    expect(await file(refused)).toMatchObject({ type: HANDOFF_BLOCKED_FAILURE, nonRetryable: true, details: [{ failingSince: expect.any(String) }] });
  });

  it('only logs an escalation alert from a history of before: it went out through the subscriptions', async () => {
    const alert: EscalationAlert = {
      alertId: 't-9:escalation:1',
      ticketId: 't-9',
      workflowId: 'service-request-t-9',
      level: 1,
      audience: 'coordinators',
      severity: 'A',
      product: 'azure',
      customer: 'Contoso Ltd',
      microsoftTicketId: '2611240000000001',
      responseDueAt: '2026-11-24T12:00:00.000Z',
      breachedAt: '2026-11-24T12:00:00.000Z',
      raisedAt: '2026-11-24T12:00:00.010Z',
    };
    await activities().sendEscalationAlert(alert);
    expect(log).toHaveBeenCalledWith('escalation level 1 → coordinators of ticket t-9: alerted through the alert subscriptions');
    expect(await new AlertDeliveryStore(dataSource).list({ ticketId: 't-9', limit: 10 }, 'all')).toEqual([]);
  });

  it("prepares a ticket alert's deliveries for its partner tenant's subscriptions only, recorded as that partner's", async () => {
    const [partnerA, partnerB] = ['0a1b2c3d-0000-4000-8000-00000000000a', '0a1b2c3d-0000-4000-8000-00000000000b'];
    const subscriptions = new AlertSubscriptionStore(dataSource, keyRing);
    const forA = await subscriptions.create({ url: 'https://a.example.com', secret: 'whsec-0123456789abcdef', partnerTenantIds: [partnerA] });
    await subscriptions.create({ url: 'https://b.example.com', secret: 'whsec-0123456789abcdef', partnerTenantIds: [partnerB] });
    const alert = aWebhookAlert({ alertKey: `${partnerA}~t-8:breach`, ticketId: 't-8', partnerTenantId: partnerA });

    const deliveryIds = await activities().prepareAlertDeliveries(alert);
    expect(deliveryIds).toEqual([`${partnerA}~t-8:breach:${forA.id}`]);
    expect(await new AlertDeliveryStore(dataSource).get(deliveryIds[0], [partnerA])).toMatchObject({ ticketId: 't-8', partnerTenantId: partnerA });
    expect(await new AlertDeliveryStore(dataSource).get(deliveryIds[0], [partnerB])).toBeUndefined();
  });

  it('records a ticket’s events once, however often the append is retried, and counts its breaches and escalations once', async () => {
    const input = {
      streamId: 'ticket-t-9',
      workflowId: 'service-request-t-9',
      expectedStreamVersion: 0,
      events: [
        { eventId: 'ticket-t-9:1', type: 'SlaBreached' as const, data: { responseDueAt: '2026-11-24T12:00:00.000Z' } },
        { eventId: 'ticket-t-9:2', type: 'Escalated' as const, data: { level: 1, audience: 'coordinators', raisedAt: '2026-11-24T11:00:00.000Z' } },
      ],
    };
    const counts = async () => {
      const scraped = new ScrapedMetrics(await processRegistry.metrics());
      return ['escalade_sla_breaches_total', 'escalade_escalations_total', 'escalade_breach_warnings_total'].map((name) => scraped.value(name));
    };
    const [breaches, escalations, warnings] = await counts();
    await activities().recordTicketEvents(input);
    await activities().recordTicketEvents(input);
    expect(await counts()).toEqual([breaches + 1, escalations + 1, warnings]);
    const stored = await events.readStream('ticket-t-9');
    expect(stored.map((e) => [e.streamVersion, e.type, e.metadata.workflowId])).toEqual([
      [1, 'SlaBreached', 'service-request-t-9'],
      [2, 'Escalated', 'service-request-t-9'],
    ]);
  });

  describe('a ticket stream that cannot take its events', () => {
    const append = (eventId: string, data: Record<string, unknown>, expectedStreamVersion = 0) => ({
      streamId: 'ticket-t-10',
      workflowId: 'service-request-t-10',
      expectedStreamVersion,
      events: [{ eventId, type: 'SlaBreached' as const, data: data as { responseDueAt: string } }],
    });
    const attempt = (n: number, input: ReturnType<typeof append>) =>
      new MockActivityEnvironment({ attempt: n }).run(activities().recordTicketEvents, input).catch((err: unknown) => err);
    const journalFaults = () => new JournalFaultStore(dataSource).list();
    const error = jest.spyOn(logger, 'error').mockImplementation(() => undefined);

    beforeAll(() => activities().recordTicketEvents(append('ticket-t-10:1', { responseDueAt: '2026-11-24T12:00:00.000Z' })));

    it('fails for good, as a journal fault kept for readiness, when an event id is stored with other data', async () => {
      const failure = await attempt(1, append('ticket-t-10:1', { responseDueAt: '2026-11-24T13:00:00.000Z' }));

      expect(failure).toBeInstanceOf(ApplicationFailure);
      expect(failure).toMatchObject({ type: JOURNAL_FAULT_FAILURE, nonRetryable: true });
      expect(await journalFaults()).toEqual([expect.objectContaining({ streamId: 'ticket-t-10', reason: expect.stringContaining('other data') })]);
      expect(error).toHaveBeenCalledTimes(1);
    });

    it('retries a version conflict a few times, then fails for good', async () => {
      const conflicting = append('ticket-t-10:9', { responseDueAt: '2026-11-24T12:00:00.000Z' }, 5);

      expect(await attempt(1, conflicting)).toMatchObject({ name: 'StreamVersionConflictError' });
      expect(await attempt(5, conflicting)).toMatchObject({ type: JOURNAL_FAULT_FAILURE, nonRetryable: true });
    });
  });

  it('follows a ticket once however often it is retried, and unfollows it the same way', async () => {
    const watch = { ticketId: 't-11', workflowId: 'service-request-t-11', microsoftTicketId: '2611240000000011' };
    await activities().followMicrosoftTicket(watch);
    await activities().followMicrosoftTicket(watch);
    expect(await microsoftWatches.all()).toEqual([expect.objectContaining({ ...watch, status: 'open', noteCount: 0 })]);

    await activities().unfollowMicrosoftTicket({ microsoftTicketId: watch.microsoftTicketId });
    await activities().unfollowMicrosoftTicket({ microsoftTicketId: watch.microsoftTicketId });
    expect(await microsoftWatches.all()).toEqual([]);
  });

  it("checks Microsoft's answer once: the first engagement, with the mark the notes after it are told from", async () => {
    await expect(activities(answering).checkMicrosoftAnswer({ microsoftTicketId: '1' })).resolves.toEqual({
      kind: 'responded',
      answeredAt: '2026-11-24T10:30:00Z',
      note: 'Looking into it.',
      answeredBy: 'Microsoft Support Engineer',
      seen: { status: 'open', noteCount: 2 },
    });
    await expect(activities().checkMicrosoftAnswer({ microsoftTicketId: '1' })).resolves.toBeUndefined();
  });

  it('fails a check Microsoft rejects at once, unretried', async () => {
    const failure = await activities(rejecting).checkMicrosoftAnswer({ microsoftTicketId: '1' }).catch((err) => err);
    expect(failure).toBeInstanceOf(ApplicationFailure);
    expect(failure).toMatchObject({ type: MICROSOFT_REJECTION_FAILURE, nonRetryable: true, details: [{ status: 404, code: 404 }] });
  });

  describe('fewer round trips (tickets since FEWER_ROUND_TRIPS_PATCH)', () => {
    const partner = '0a1b2c3d-0000-4000-8000-00000000000c';
    let receiver: WebhookReceiver;
    const alertOf = (ticketId: string) => aWebhookAlert({ alertKey: `${partner}~${ticketId}:breach`, ticketId, partnerTenantId: partner });
    const deliveriesOf = (ticketId: string) => new AlertDeliveryStore(dataSource).list({ ticketId, limit: 10 }, 'all');
    const breached = (ticketId: string, expectedStreamVersion = 0) => ({
      streamId: `ticket-${ticketId}`,
      workflowId: `service-request-${ticketId}`,
      expectedStreamVersion,
      events: [{ eventId: `ticket-${ticketId}:${expectedStreamVersion + 1}`, type: 'SlaBreached' as const, data: { responseDueAt: '2026-11-24T12:00:00.000Z' } }],
    });

    const atTheDueTime = (of: ReturnType<typeof activities>, alert: ReturnType<typeof alertOf>, attempt = 1) =>
      new MockActivityEnvironment({ attempt }).run(of.alertBreachUnlessAnswered, { microsoftTicketId: '1', alert });

    beforeAll(async () => {
      receiver = await startWebhookReceiver([204]);
      await new AlertSubscriptionStore(dataSource, keyRing).create({ url: receiver.url, secret: 'whsec-0123456789abcdef', partnerTenantIds: [partner] });
    });
    afterAll(() => receiver.close());

    it('sends an alert once its events are stored, by the same activity, and nothing twice when it is retried', async () => {
      const input = { ...breached('t-20'), alert: alertOf('t-20') };
      const first = await activities().recordTicketEvents(input);
      const retried = await activities().recordTicketEvents(input);

      expect(first).toEqual([{ deliveryId: expect.stringContaining(`${partner}~t-20:breach`), delivered: true }]);
      expect(retried).toEqual(first);
      expect(receiver.received.filter((r) => r.body.includes('"t-20"'))).toHaveLength(1);
      expect((await events.readStream('ticket-t-20')).map((e) => e.type)).toEqual(['SlaBreached']);
      expect(await activities().recordTicketEvents(breached('t-20', 1))).toBeUndefined(); // no alert: no first tries
    });

    it('sends no alert with events the stream refuses for good: the workflow sends it on its own', async () => {
      jest.spyOn(logger, 'error').mockImplementation(() => undefined);
      await activities().recordTicketEvents(breached('t-21'));
      const refused = { ...breached('t-21'), events: [{ ...breached('t-21').events[0], data: { responseDueAt: '2026-11-24T13:00:00.000Z' } }], alert: alertOf('t-21') };

      const failure = await new MockActivityEnvironment().run(activities().recordTicketEvents, refused).catch((err: unknown) => err);
      expect(failure).toMatchObject({ type: JOURNAL_FAULT_FAILURE, nonRetryable: true });
      expect(await deliveriesOf('t-21')).toEqual([]);
    });

    it('sends the breach alert at the due time unless Microsoft has answered, which it returns instead', async () => {
      const unanswered = await atTheDueTime(activities(), alertOf('t-22'));
      expect(unanswered).toEqual({ sent: [{ deliveryId: expect.stringContaining('t-22'), delivered: true }] });

      const answered = await atTheDueTime(activities(answering), alertOf('t-23'));
      expect(answered).toEqual({ answer: expect.objectContaining({ kind: 'responded', answeredAt: '2026-11-24T10:30:00Z', seen: { status: 'open', noteCount: 2 } }) });
      expect(await deliveriesOf('t-23')).toEqual([]);
    });

    it('sends the breach alert when Microsoft cannot be read, and without reading it again on a retried attempt', async () => {
      const warn = jest.spyOn(logger, 'warn').mockImplementation(() => undefined);
      const unreadable = await atTheDueTime(activities(rejecting), alertOf('t-24'));
      expect(unreadable).toEqual({ sent: [expect.objectContaining({ delivered: true })] });
      expect(warn).toHaveBeenCalledWith(expect.stringContaining("reading Microsoft's ticket 1 at the due time failed"));

      const retried = await atTheDueTime(activities(answering), alertOf('t-25'), 2);
      expect(retried).toEqual({ sent: [expect.objectContaining({ delivered: true })] });
    });

    it('has the watch poller follow the ticket it files, and stop following the ticket it closes', async () => {
      const filed = await activities().handOffToMicrosoft({ ticketId: 't-26', request: aServiceRequest(), followFor: { workflowId: 'service-request-t-26' } });
      const watch = { ticketId: 't-26', workflowId: 'service-request-t-26', microsoftTicketId: filed.microsoftTicketId };
      expect(await microsoftWatches.all()).toEqual([expect.objectContaining(watch)]);

      await activities().closeMicrosoftTicket({ microsoftTicketId: filed.microsoftTicketId, unfollow: true });
      expect(await microsoftWatches.all()).toEqual([]);
    });
  });
});
