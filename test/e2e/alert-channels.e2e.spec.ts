import { aServiceRequest } from '@escalade/domain/testing';
import { verifySignature, type TeamsAlertPayload } from '@escalade/alerting';
import {
  adaptiveCardProblems,
  startSmtpReceiver,
  startWebhookReceiver,
  type SmtpReceiver,
  type WebhookReceiver,
} from '@escalade/alerting/testing';
import type { AlertDeliveryView, AlertSubscriptionView } from '@escalade/contract';
import { onEscaladeSystem } from '../support/escalade-system';

/** The partner tenant of aServiceRequest(): every ticket here is its. */
const PARTNER = '22222222-2222-2222-2222-222222222222';
const TICKET = 'e2e-route-1';
const SECRET = 'teams-webhook-secret-for-e2e';
const DUTY_MANAGER = 'duty.manager@contoso.com';

describe('Alert channels end to end: level 1 to a Teams channel, level 2 to the duty manager by e-mail', () => {
  let teams: WebhookReceiver;
  let smtp: SmtpReceiver;
  // Filled in by the first beforeAll, which runs before onEscaladeSystem's starts the system with them.
  const settings: Record<string, string> = {
    // 0.001: severity A's 2-hour window is 7.2 s; level 1 goes out at the breach, level 2 half a window later.
    SLA_TIME_SCALE: '0.001',
    MICROSOFT_SUPPORT: 'in-process',
    ALERT_EMAIL_FROM: 'Escalade <escalade@partner.example>',
  };
  beforeAll(async () => {
    teams = await startWebhookReceiver([200]);
    smtp = await startSmtpReceiver();
    settings.SMTP_URL = smtp.url;
  });
  const e2e = onEscaladeSystem(settings);
  afterAll(async () => {
    await teams?.close();
    await smtp?.close();
  });

  it('routes each escalation level to its channel: a valid Adaptive Card to Teams, an e-mail to the duty manager; each listed', async () => {
    const http = () => e2e.system.http();
    const subscribe = async (subscription: object): Promise<AlertSubscriptionView> =>
      (await http().post('/alert-subscriptions').send(subscription).expect(201)).body;
    const coordinators = await subscribe({ format: 'teams', url: teams.url, secret: SECRET, levels: [1] });
    const dutyManager = await subscribe({ format: 'email', email: DUTY_MANAGER, levels: [2] });
    expect(dutyManager).toMatchObject({ email: 'd***@contoso.com', levels: [2] });

    await http().post('/service-requests').send({ ...aServiceRequest({ severity: 'A' }), requestId: TICKET }).expect(201);
    await e2e.system.waitForTicket(TICKET, (ticket) => ticket.escalationLevel >= 2, 40_000);

    // Only the escalations of levels 1 and 2 are routed: the breach and level 3 match neither subscription.
    const deliveries = async (): Promise<AlertDeliveryView[]> => (await http().get(`/alerts?ticketId=${TICKET}`).expect(200)).body.items;
    for (const until = Date.now() + 30_000; (await deliveries()).filter((d) => d.status === 'delivered').length < 2; ) {
      if (Date.now() > until) throw new Error(`alerts not delivered: ${JSON.stringify(await deliveries())}`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    const formats = new Map([
      [coordinators.id, coordinators.format],
      [dutyManager.id, dutyManager.format],
    ]);
    const listed = await deliveries();
    const routed = listed.map((d) => ({ alertKey: d.alertKey, format: formats.get(d.subscriptionId), status: d.status }));
    expect(routed.sort((a, b) => a.alertKey.localeCompare(b.alertKey))).toEqual([
      { alertKey: `${PARTNER}~${TICKET}:escalation:1`, format: 'teams', status: 'delivered' },
      { alertKey: `${PARTNER}~${TICKET}:escalation:2`, format: 'email', status: 'delivered' },
    ]);
    const deliveryTo = (subscription: AlertSubscriptionView) => listed.find((d) => d.subscriptionId === subscription.id)?.id;

    expect(teams.received).toHaveLength(1);
    const [{ headers, body }] = teams.received;
    expect(headers['idempotency-key']).toBe(deliveryTo(coordinators));
    expect(verifySignature(SECRET, String(headers['x-escalade-timestamp']), body, String(headers['x-escalade-signature']))).toBe(true);
    const { content: card } = (JSON.parse(body) as TeamsAlertPayload).attachments[0];
    expect(adaptiveCardProblems(card)).toEqual([]);
    expect(card.body[0]).toMatchObject({ text: `Escalation: ticket ${TICKET}` });
    expect(card.body[2]).toMatchObject({ facts: expect.arrayContaining([{ title: 'Escalation', value: 'level 1 → coordinators' }]) });

    expect(smtp.received).toHaveLength(1);
    const [mail] = smtp.received;
    expect(mail).toMatchObject({ recipients: [DUTY_MANAGER], subject: `Escalation: ticket ${TICKET}` });
    expect(mail.text).toContain('Escalation: level 2 → duty-manager');
    expect(mail.text).toContain(`delivery ${deliveryTo(dutyManager)}`);
    expect(mail.html).toContain('<td>level 2 → duty-manager</td>');
    expect(mail.headers.get('from')).toMatchObject({ value: [{ name: 'Escalade', address: 'escalade@partner.example' }] });

    for (const { id } of [coordinators, dutyManager]) await http().delete(`/alert-subscriptions/${id}`).expect(204);
  }, 90_000);
});
