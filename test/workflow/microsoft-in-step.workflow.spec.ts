// Microsoft's ticket kept in step with ours (issue 13): a coordinator's note goes to it, a severity change is told to
// it, and closing ours closes it; each once, however often an activity is retried.
import { aServiceRequest } from '@escalade/domain/testing';
import { changeSeverityUpdate, closeUpdate, sendNoteUpdate } from '@escalade/workflows';
import { eventTypesOf, onTimeSkippingServer, stateOf, waitForStatus, WorkflowHarness } from '../support/workflow-harness';

describe("Microsoft's ticket kept in step with ours (time-skipping server)", () => {
  const server = onTimeSkippingServer((env) => new WorkflowHarness(env));



  it("sends a coordinator's note and a severity change to Microsoft's ticket, and closes it with ours", async () => {
    const handle = await server.harness.open(aServiceRequest({ severity: 'C' }));
    const { id, handoff } = await waitForStatus(handle, 'awaiting-response');
    const microsoftTicketId = handoff!.microsoftTicketId;

    await handle.executeUpdate(sendNoteUpdate, { args: [{ text: 'Logs attached to the customer portal', sentBy: 'ada@fabrikam.com' }] });
    await handle.executeUpdate(changeSeverityUpdate, { args: [{ severity: 'A', reason: 'Production is down', changedBy: 'ada@fabrikam.com' }] });
    await handle.executeUpdate(closeUpdate, { args: [{ resolution: 'Workaround applied' }] });
    await handle.result();

    expect([...server.harness.microsoft.notesSent.entries()]).toEqual([
      [`${id}:note:1`, { microsoftTicketId, text: 'Logs attached to the customer portal' }],
      [`${id}:note:2`, { microsoftTicketId, text: 'Severity changed from C to A: Production is down' }],
    ]);
    expect(server.harness.microsoft.closedByUs.has(microsoftTicketId)).toBe(true);
    const types = (await eventTypesOf(server.harness, handle)).filter((type) => type !== 'AlertDelivered');
    expect(types.slice(-5)).toEqual(['NoteSentToMicrosoft', 'SeverityChanged', 'NoteSentToMicrosoft', 'ServiceRequestClosed', 'MicrosoftTicketClosed']);
    const [closed] = (await server.harness.events.readStream(`ticket-${id}`)).filter((e) => e.type === 'MicrosoftTicketClosed');
    expect(closed.data).toEqual({ microsoftTicketId, alreadyClosed: false });
  });

  it('refuses a note before the ticket is filed, and closes nothing at Microsoft for a ticket never filed', async () => {
    // An indirect reseller's Azure request waits for access before it is filed.
    const handle = await server.harness.open(aServiceRequest({ partner: { role: 'indirect-reseller', azureAccessGranted: false } }));
    await waitForStatus(handle, 'awaiting-access');
    const refused = await handle.executeUpdate(sendNoteUpdate, { args: [{ text: 'Too early' }] }).catch((err: unknown) => err);
    expect(String((refused as Error).cause ?? refused)).toMatch(/once filed and until closed; the ticket is awaiting-access/);

    await handle.executeUpdate(closeUpdate, { args: [{ resolution: 'Filed directly by the customer' }] });
    expect(await handle.result()).toMatchObject({ status: 'closed', outcome: 'resolved' });
    expect(await eventTypesOf(server.harness, handle)).not.toContain('MicrosoftTicketClosed');
    expect((await stateOf(handle)).handoff).toBeUndefined();
  });
});
