// Quiet hours (issue 20): an alert below severity A raised outside its recipient's calendar hours waits for their next
// opening, on the ticket's timeline (AlertHeld) and in the delivery; severity A goes at once.
import { kindsReceivedFor, startWebhookReceiver, type WebhookReceiver } from '@escalade/alerting/testing';
import { DEFAULT_SLA_POLICY, type BusinessCalendar, type SlaPolicy } from '@escalade/domain';
import { aServiceRequest } from '@escalade/domain/testing';
import { closeUpdate } from '@escalade/workflows';
import { eventsOf, onTimeSkippingServer, waitForEventType, waitForStatus, WorkflowHarness } from '../support/workflow-harness';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY_MINUTES = 24 * 60;
/** B answered within 1 h (warning at 45 min), A within 90 min (warning at 67.5 min): both well before the opening. */
const POLICY: SlaPolicy = { ...DEFAULT_SLA_POLICY, breakFixMinutes: { A: 90, B: 60, C: 480 } };
const customer = { tenantId: '22222222-2222-2222-2222-222222222222', domain: 'night-shift.example', name: 'Night Shift Ltd' };

/** One working hour every day, opening on the first full UTC hour at least 2 h after `from`: whatever day the tests run. */
function openingHourAfter(from: number): { calendar: BusinessCalendar; opensAt: number } {
  const opensAt = Math.ceil((from + 2 * HOUR) / HOUR) * HOUR;
  const start = (opensAt % (DAY_MINUTES * MINUTE)) / MINUTE;
  const hour: Array<[number, number]> = [[start, start + 60]];
  return { calendar: { timeZone: 'UTC', week: { 1: hour, 2: hour, 3: hour, 4: hour, 5: hour, 6: hour, 7: hour }, holidays: [] }, opensAt };
}

describe('quiet hours (time-skipping server)', () => {
  const server = onTimeSkippingServer((env) => new WorkflowHarness(env));
  const now = () => server.env.currentTimeMs();
  let receiver: WebhookReceiver;

  beforeAll(async () => {
    receiver = await startWebhookReceiver([200]);
  }, 120_000);

  afterAll(async () => {
    await receiver?.close();
  });


  it('holds severity B alerts raised before the opening until it, on the timeline, while severity A goes at once', async () => {
    const { calendar, opensAt } = openingHourAfter(await now());
    await server.harness.subscribeToAlerts({ url: receiver.url, secret: 'whsec-test', customers: [customer.domain], kinds: ['warning', 'breach'], calendar });
    const quiet = await server.harness.open(aServiceRequest({ severity: 'B', customer }), POLICY);
    const critical = await server.harness.open(aServiceRequest({ severity: 'A', customer }), POLICY);
    const [b, a] = [await waitForStatus(quiet, 'awaiting-response'), await waitForStatus(critical, 'awaiting-response')];

    await server.env.sleep(95 * MINUTE); // B's warning and breach, A's warning and breach: all before the opening
    await waitForEventType(server.harness, quiet, 'AlertHeld', { count: 2 });
    expect(kindsReceivedFor(receiver, b.id)).toEqual([]);
    expect(kindsReceivedFor(receiver, a.id).sort()).toEqual(['breach', 'warning']);
    const held = (await eventsOf(server.harness, quiet)).filter((event) => event.type === 'AlertHeld');
    expect(held.map((event) => event.data)).toEqual([
      { deliveryId: expect.stringContaining(':warning:'), kind: 'warning', until: new Date(opensAt).toISOString() },
      { deliveryId: expect.stringContaining(':breach:'), kind: 'breach', until: new Date(opensAt).toISOString() },
    ]);
    expect((await eventsOf(server.harness, critical)).some((event) => event.type === 'AlertHeld')).toBe(false);

    await server.env.sleep(opensAt - MINUTE - (await now())); // a minute before the opening: still held
    expect(kindsReceivedFor(receiver, b.id)).toEqual([]);
    await server.env.sleep(2 * MINUTE);
    await waitForEventType(server.harness, quiet, 'AlertDelivered', { count: 2 });
    expect(kindsReceivedFor(receiver, b.id).sort()).toEqual(['breach', 'warning']);
    const types = (await eventsOf(server.harness, quiet)).map((event) => event.type);
    expect(types.lastIndexOf('AlertHeld')).toBeLessThan(types.indexOf('AlertDelivered'));

    for (const handle of [quiet, critical]) await handle.executeUpdate(closeUpdate, { args: [{ resolution: 'Fixed' }] });
    expect(await quiet.result()).toMatchObject({ status: 'closed', breached: true });
    await critical.result();
  });
});
