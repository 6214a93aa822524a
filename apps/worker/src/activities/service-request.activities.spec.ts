import { Logger } from '@nestjs/common';
import { ApplicationFailure } from '@temporalio/common';
import type { DataSource } from 'typeorm';
import { aServiceRequest } from '@escalade/domain';
import { EventStore } from '@escalade/event-store';
import { InProcessMicrosoftSupport, type MicrosoftSupport } from '@escalade/microsoft-support';
import { PartnerCenterRejectedError } from '@escalade/partner-center';
import { AlertDeliveryStore, AlertDispatcher, AlertStore, AlertSubscriptionStore, testDatabases } from '@escalade/persistence';
import { MICROSOFT_REJECTION_FAILURE, type EscalationAlert } from '@escalade/workflows';
import { createServiceRequestActivities } from './service-request.activities';

describe('service-request activities', () => {
  const database = testDatabases()[0];
  let dataSource: DataSource;
  let alerts: AlertStore;
  let events: EventStore;
  const microsoftSupport = new InProcessMicrosoftSupport();
  const logger = new Logger('activities-spec');
  const warn = jest.spyOn(logger, 'warn').mockImplementation(() => undefined);

  beforeAll(async () => {
    dataSource = await database.open();
    alerts = new AlertStore(dataSource);
    events = new EventStore(dataSource);
  });
  afterAll(() => database.close(dataSource));

  const activities = (microsoft: MicrosoftSupport = microsoftSupport) => createServiceRequestActivities({
      microsoftSupport: microsoft,
      alerts,
      alertDispatcher: new AlertDispatcher(new AlertSubscriptionStore(dataSource), new AlertDeliveryStore(dataSource)),
      events,
      logger,
    });

  it('decides eligibility with the domain rules', async () => {
    await expect(activities().checkEligibility(aServiceRequest({ channel: 'phone' }))).resolves.toMatchObject({
      decision: 'refused',
    });
  });

  it('files one Microsoft ticket however often the handoff is retried', async () => {
    const request = aServiceRequest({ partner: { hasAdminPrivileges: false } });
    const first = await activities().handOffToMicrosoft({ ticketId: 't-9', request });
    const retried = await activities().handOffToMicrosoft({ ticketId: 't-9', request });
    expect(retried).toEqual(first);
    expect(first.target).toMatchObject({ portal: 'azure-portal', url: 'https://portal.azure.com/contoso.com' });
  });

  it('fails a filing Microsoft rejects at once, unretried, as the rejection the workflow closes the ticket on', async () => {
    const rejecting = new (class extends InProcessMicrosoftSupport {
      override async fileServiceRequest(): Promise<never> {
        throw new PartnerCenterRejectedError('create service request', 400, 400, 'SupportTopicId: unknown', 'InvalidInput');
      }
    })();
    const failure = await activities(rejecting).handOffToMicrosoft({ ticketId: 't-10', request: aServiceRequest() }).catch((err) => err);
    expect(failure).toBeInstanceOf(ApplicationFailure);
    expect(failure).toMatchObject({ type: MICROSOFT_REJECTION_FAILURE, nonRetryable: true, details: [{ status: 400, code: 400 }] });
  });

  it('stores and announces an escalation alert once, however often it is retried', async () => {
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
    await activities().sendEscalationAlert(alert);
    expect(await alerts.listForTicket('t-9')).toHaveLength(1);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn.mock.calls[0][0]).toContain('ESCALATION level 1 → coordinators: ticket t-9');
  });

  it('records a ticket’s events once, however often the append is retried', async () => {
    const input = {
      streamId: 'ticket-t-9',
      workflowId: 'service-request-t-9',
      expectedStreamVersion: 0,
      events: [
        { eventId: 'ticket-t-9:1', type: 'SlaBreached' as const, data: { responseDueAt: '2026-11-24T12:00:00.000Z' } },
        { eventId: 'ticket-t-9:2', type: 'Escalated' as const, data: { level: 1, audience: 'coordinators' } },
      ],
    };
    await activities().recordTicketEvents(input);
    await activities().recordTicketEvents(input);
    const stored = await events.readStream('ticket-t-9');
    expect(stored.map((e) => [e.streamVersion, e.type, e.metadata.workflowId])).toEqual([
      [1, 'SlaBreached', 'service-request-t-9'],
      [2, 'Escalated', 'service-request-t-9'],
    ]);
  });
});
