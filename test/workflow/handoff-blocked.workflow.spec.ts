// Our Partner Center credentials failing (issue 13): the ticket is not rejected, it waits `handing-off`, records
// HandoffBlocked once, shares one alert with every ticket the outage blocks, and files by itself once they work again.
import { aServiceRequest } from '@escalade/domain/testing';
import { startWebhookReceiver, type WebhookReceiver } from '@escalade/alerting/testing';
import { closeUpdate } from '@escalade/workflows';
import { eventTypesOf, onTimeSkippingServer, stateOf, waitForEventType, waitForStatus, WorkflowHarness } from '../support/workflow-harness';

const MINUTE = 60_000;

describe('a filing blocked by our credentials (time-skipping server)', () => {
  const server = onTimeSkippingServer((env) => new WorkflowHarness(env));
  let receiver: WebhookReceiver;

  beforeAll(async () => {
    receiver = await startWebhookReceiver([200]);
    await server.harness.subscribeToAlerts({ url: receiver.url, secret: 'whsec-blocked-test', kinds: ['handoff-blocked'] });
  }, 120_000);

  afterAll(async () => {
    await receiver?.close();
  });

  it('waits handing-off through the outage, alerts once for all its tickets, then files each exactly once', async () => {
    server.harness.microsoft.credentialsFailing = true;
    const handles = await Promise.all(['A', 'B', 'C'].map((severity) => server.harness.open(aServiceRequest({ severity: severity as 'A' }))));
    for (const handle of handles) await waitForEventType(server.harness, handle, 'HandoffBlocked');

    await server.env.sleep(10 * MINUTE); // several retries, still blocked
    for (const handle of handles) {
      expect(await stateOf(handle)).toMatchObject({ status: 'handing-off', handoffBlocked: { reason: expect.stringContaining('invalid_grant') } });
      expect((await eventTypesOf(server.harness, handle)).filter((type) => type === 'HandoffBlocked')).toHaveLength(1);
    }
    expect(receiver.received.map((r) => JSON.parse(r.body).kind)).toEqual(['handoff-blocked']);

    server.harness.microsoft.credentialsFailing = false;
    await server.env.sleep(5 * MINUTE);
    for (const handle of handles) {
      const filed = await waitForStatus(handle, 'awaiting-response');
      expect(filed.handoffBlocked).toBeUndefined();
      expect(filed.outcome).toBeUndefined();
    }
    expect(server.harness.microsoft.filedCount).toBe(3);
    await Promise.all(handles.map((handle) => handle.executeUpdate(closeUpdate, { args: [{ resolution: 'Done' }] })));
  });

  it('closes as resolved, unfiled, when a coordinator closes it while it is blocked', async () => {
    server.harness.microsoft.credentialsFailing = true;
    const handle = await server.harness.open(aServiceRequest({ severity: 'C', customer: { domain: 'blocked-closed.example' } }));
    await waitForEventType(server.harness, handle, 'HandoffBlocked');

    await handle.executeUpdate(closeUpdate, { args: [{ resolution: 'Filed by phone instead' }] });
    server.harness.microsoft.credentialsFailing = false;

    const closed = await handle.result();
    expect(closed).toMatchObject({ status: 'closed', outcome: 'resolved', resolution: 'Filed by phone instead' });
    expect(closed.handoff).toBeUndefined();
  });
});
