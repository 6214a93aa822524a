// Ticket ids are the partner's own (issue 14): two partners may both open `INC-1`, so a ticket is known by its key
// (`<partner tenant>~<id>`), and what a coordinator does is recorded with who did it, from the credential.
import type { Actor } from '@escalade/domain';
import { aServiceRequest } from '@escalade/domain/testing';
import {
  azureAccessGrantedSignal,
  changeSeverityUpdate,
  closeUpdate,
  microsoftRespondedSignal,
  sendNoteUpdate,
  serviceRequestWorkflowId,
  ticketKey,
} from '@escalade/workflows';
import { escalationAlertsOf, eventsOf, onTimeSkippingServer, stateOf, waitForEventType, waitForStatus, WorkflowHarness } from '../support/workflow-harness';

const HOUR = 3_600_000;
const FABRIKAM = '22222222-2222-2222-2222-222222222222';
const NORTHWIND = '33333333-3333-3333-3333-333333333333';

describe("partners' tickets on the time-skipping server", () => {
  const server = onTimeSkippingServer((env) => new WorkflowHarness(env));

  it("keeps two partners' tickets of the same id apart: their streams, filings and escalations go by key", async () => {
    const id = 'INC-1';
    const [fabrikam, northwind] = await Promise.all(
      [FABRIKAM, NORTHWIND].map((tenantId) => server.harness.open(aServiceRequest({ severity: 'A', partner: { tenantId } }), undefined, { id, keyed: true })),
    );
    const [filedByFabrikam, filedByNorthwind] = await Promise.all([fabrikam, northwind].map((handle) => waitForStatus(handle, 'awaiting-response')));

    expect([filedByFabrikam.id, filedByNorthwind.id]).toEqual([id, id]);
    expect(filedByFabrikam.workflowId).toBe(serviceRequestWorkflowId(`${FABRIKAM}~${id}`));
    expect(filedByFabrikam.handoff!.microsoftTicketId).not.toBe(filedByNorthwind.handoff!.microsoftTicketId);
    for (const [handle, tenantId] of [[fabrikam, FABRIKAM], [northwind, NORTHWIND]] as const) {
      const [received] = await eventsOf(server.harness, handle);
      expect(received.streamId).toBe(`ticket-${ticketKey(tenantId, id)}`);
      expect(received.data).toMatchObject({ ticketId: id, key: ticketKey(tenantId, id), partner: { tenantId } });
    }

    await server.env.sleep(2 * HOUR);
    const alerts = await escalationAlertsOf(server.harness, id, 2);
    expect(alerts.map((alert) => alert.alertKey).sort()).toEqual([`${FABRIKAM}~${id}:escalation:1`, `${NORTHWIND}~${id}:escalation:1`]);
    // Closed for good, one after the other, before another test moves the clock.
    for (const handle of [fabrikam, northwind]) await handle.executeUpdate(closeUpdate, { args: [{ resolution: 'Done' }] });
  });

  it('records who did each thing from the credential, beside the display name the request gave', async () => {
    const ada: Actor = { kind: 'user', name: 'Ada Lovelace', objectId: 'oid-ada', tenantId: FABRIKAM };
    const bridge: Actor = { kind: 'api-key', name: 'ServiceNow bridge', objectId: 'key-bridge' };
    const handle = await server.harness.open(
      aServiceRequest({ severity: 'C', partner: { role: 'indirect-reseller', azureAccessGranted: false } }),
      undefined,
      { keyed: true },
    );
    await waitForStatus(handle, 'awaiting-access');

    await handle.signal(azureAccessGrantedSignal, { grantedBy: 'the provider', by: bridge });
    await waitForStatus(handle, 'awaiting-response');
    await handle.executeUpdate(sendNoteUpdate, { args: [{ text: 'Logs attached', sentBy: 'Ada', by: ada }] });
    await handle.executeUpdate(changeSeverityUpdate, { args: [{ severity: 'B', reason: 'Workaround failed', changedBy: 'Ada', by: ada }] });
    await handle.signal(microsoftRespondedSignal, { note: 'Engineer assigned', by: bridge });
    await waitForStatus(handle, 'responded');
    await handle.executeUpdate(closeUpdate, { args: [{ resolution: 'Fixed', by: ada }] });
    await handle.result();
    await waitForEventType(server.harness, handle, 'ServiceRequestClosed');

    const events = await eventsOf(server.harness, handle);
    const by = events.flatMap(({ type, data }) => {
      const actor = (data as { by?: unknown }).by;
      return typeof actor === 'object' ? [[type, actor]] : []; // MicrosoftNoteAdded's `by` is a name, not an actor
    });
    expect(by.slice(0, 3)).toEqual([
      ['AzureAccessGranted', bridge],
      ['NoteSentToMicrosoft', ada],
      ['SeverityChanged', ada],
    ]);
    // The change is answered once stored: Microsoft is told of it (a note by Ada) before or after its answer is recorded.
    expect(by.slice(3, 5)).toEqual(expect.arrayContaining([['NoteSentToMicrosoft', ada], ['MicrosoftResponded', bridge]]));
    expect(by.slice(5)).toEqual([['ServiceRequestClosed', ada]]);
    expect(events.find((event) => event.type === 'AzureAccessGranted')?.data).toEqual({ grantedBy: 'the provider', by: bridge });
    expect(events.find((event) => event.type === 'SeverityChanged')?.data).toMatchObject({ changedBy: 'Ada', by: ada });
    expect((await stateOf(handle)).status).toBe('closed');
  });
});
