import { AlertDispatcher } from './alert-dispatcher';
import { AlertDeliveries, AlertSubscriptions, type AlertDelivery, type SubscribedFormat } from './alert-stores';
import { ALERT_CHANNELS, type AlertChannel } from './channels';
import { loopbackOutbound } from './testing/loopback-outbound';
import { aWebhookAlert } from './testing/webhook-alert.fixture';
import { deliveryIdOf, type WebhookAlert } from './webhook-alert';

/** The stores' part the dispatcher sees, in memory: the database-backed behaviour is @escalade/persistence's to test. */
class SubscribedOnly extends AlertSubscriptions {
  constructor(private readonly subscribed: SubscribedFormat[]) {
    super();
  }

  async matching(): Promise<SubscribedFormat[]> {
    return this.subscribed;
  }

  async get(): Promise<undefined> {
    return undefined;
  }
}

class PreparedOnly extends AlertDeliveries {
  async prepare({ alertKey }: WebhookAlert, subscription: { id: string }, payload: object, heldUntil?: string): Promise<AlertDelivery> {
    const id = deliveryIdOf(alertKey, subscription.id);
    const status = heldUntil ? 'held' : 'pending';
    return { id, subscriptionId: subscription.id, payload: JSON.stringify(payload), attemptCount: 0, status, heldUntil };
  }

  get = async (): Promise<undefined> => undefined;
  recordAttempt = (): Promise<AlertDelivery> => Promise.reject(new Error('not sent here'));
  markDead = async (): Promise<undefined> => undefined;
}

/** A channel of a test's own: what registering one takes. */
const plainText: AlertChannel<'text'> = {
  format: 'text',
  description: 'one line of text',
  transport: 'webhook',
  credentialInPath: false,
  render: (alert, deliveryId) => ({ text: `${alert.kind} of ${alert.ticketId} (${deliveryId})` }),
};

const dispatcherFor = (subscribed: SubscribedFormat[], channels: readonly AlertChannel[] = ALERT_CHANNELS) =>
  new AlertDispatcher(new SubscribedOnly(subscribed), new PreparedOnly(), { outbound: loopbackOutbound() }, channels);

describe('AlertDispatcher choosing channels', () => {
  it("renders each subscription's delivery with the channel of its format", async () => {
    const prepared = await dispatcherFor([
      { id: 's-json', format: 'json' },
      { id: 's-slack', format: 'slack' },
    ]).prepareDeliveries(aWebhookAlert());

    const [json, slack] = prepared.map((delivery) => JSON.parse(delivery.payload));
    expect(json).toMatchObject({ id: 'T-1:breach:s-json', kind: 'breach' });
    expect(slack).toMatchObject({ text: expect.stringContaining('Response target breached: ticket T-1'), blocks: expect.any(Array) });
  });

  it('renders with any channel registered, and refuses a format that no registered channel serves', async () => {
    const subscribed = [{ id: 's-text', format: 'text' }] as unknown as SubscribedFormat[];
    const [delivery] = await dispatcherFor(subscribed, [plainText]).prepareDeliveries(aWebhookAlert());
    expect(JSON.parse(delivery.payload)).toEqual({ text: 'breach of T-1 (T-1:breach:s-text)' });

    await expect(dispatcherFor(subscribed).prepareDeliveries(aWebhookAlert())).rejects.toThrow(
      'No alert channel serves the format "text" of subscription "s-text"',
    );
  });
});

describe('AlertDispatcher and quiet hours', () => {
  const officeHours = { timeZone: 'Europe/Paris', week: { 1: [[540, 1020]] as Array<[number, number]> }, holidays: [] };
  // Sunday 29 November 2026, 22:00 in Paris; the recipient's next opening is Monday 09:00 there (08:00 UTC).
  const sundayNight = { occurredAt: '2026-11-29T21:00:00.000Z' };

  it('holds a delivery below severity A raised outside the recipient’s hours, and does not attempt it', async () => {
    const dispatcher = dispatcherFor([{ id: 's-office', format: 'json', calendar: officeHours }]);
    // PreparedOnly refuses any attempt: sending returns without one.
    expect(await dispatcher.send(aWebhookAlert({ ...sundayNight, severity: 'B' }))).toEqual([
      expect.objectContaining({ deliveryId: 'T-1:breach:s-office', delivered: false, heldUntil: '2026-11-30T08:00:00.000Z' }),
    ]);
  });

  it('holds nothing of severity A, nor for a recipient without hours', async () => {
    const prepared = await dispatcherFor([
      { id: 's-office', format: 'json', calendar: officeHours },
      { id: 's-always', format: 'json' },
    ]).prepareDeliveries(aWebhookAlert({ ...sundayNight, severity: 'A' }));
    expect(prepared.map(({ status, heldUntil }) => ({ status, heldUntil }))).toEqual([
      { status: 'pending', heldUntil: undefined },
      { status: 'pending', heldUntil: undefined },
    ]);
    const [always] = await dispatcherFor([{ id: 's-always', format: 'json' }]).prepareDeliveries(aWebhookAlert({ ...sundayNight, severity: 'C' }));
    expect(always.status).toBe('pending');
  });
});
