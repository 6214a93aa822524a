// What the workflow does with what should never reach it (issue 12): a malformed request is refused with its problems
// named, and a ticket stream that refuses its events stops recording while the ticket itself goes on.
import { decideEligibility, DEFAULT_SLA_POLICY, type EligibilityDecision, type ServiceRequest } from '@escalade/domain';
import { aServiceRequest } from '@escalade/domain/testing';
import { closeUpdate, SERVICE_REQUEST_WORKFLOW, serviceRequestWorkflowId, ticketStreamId, type serviceRequestWorkflow } from '@escalade/workflows';
import { eventTypesOf, onTimeSkippingServer, stateOf, waitForStatus, WorkflowHarness } from '../support/workflow-harness';

describe('requests and streams the workflow cannot work with (time-skipping server)', () => {
  const server = onTimeSkippingServer((env) => new WorkflowHarness(env));

  const start = (id: string, request: ServiceRequest, eligibility?: EligibilityDecision) =>
    server.env.client.workflow.start<typeof serviceRequestWorkflow>(SERVICE_REQUEST_WORKFLOW, {
      taskQueue: server.harness.taskQueue,
      workflowId: serviceRequestWorkflowId(id),
      args: [{ id, request, policy: DEFAULT_SLA_POLICY, ...(eligibility ? { eligibility } : {}) }],
    });

  it('records the eligibility decided when the ticket was opened with its request, in one append, asking no activity', async () => {
    const request = aServiceRequest({ channel: 'phone' });
    const handle = await start('decided-at-intake-1', request, decideEligibility(request));

    expect(await handle.result()).toMatchObject({ status: 'closed', outcome: 'refused', eligibility: decideEligibility(request) });
    const { events } = await handle.fetchHistory();
    const scheduled = (events ?? []).flatMap((event) => event.activityTaskScheduledEventAttributes?.activityType?.name ?? []);
    expect(scheduled).not.toContain('checkEligibility');
    const stored = await server.harness.events.readStream(ticketStreamId('decided-at-intake-1'));
    expect(stored.map((event) => event.type)).toEqual(['ServiceRequestReceived', 'EligibilityDecided', 'ServiceRequestClosed']);
    expect(scheduled.filter((type) => type === 'recordTicketEvents')).toHaveLength(2); // the request with its decision; the closure
  });

  it('refuses a malformed request with every problem named, without asking the eligibility rules, and closes it', async () => {
    const malformed = { ...aServiceRequest(), partner: [], contact: { name: 'Ada' } } as unknown as ServiceRequest;
    const handle = await start('malformed-1', malformed);

    const closed = await handle.result();

    expect(closed).toMatchObject({ status: 'closed', outcome: 'refused', customer: 'Contoso Ltd' });
    expect(closed.eligibility).toEqual({
      decision: 'refused',
      reason: 'The request is invalid: partner must be an object; contact.email must be a non-empty string',
    });
    expect(await eventTypesOf(server.harness, handle)).toEqual(['ServiceRequestReceived', 'EligibilityDecided', 'ServiceRequestClosed']);
    const [received] = await server.harness.events.readStream(ticketStreamId('malformed-1'));
    expect(received.data).toMatchObject({ partner: { tenantId: '', name: '' }, customer: { name: 'Contoso Ltd' } });
  });

  it('goes on without recording once its stream refuses its events, with the fault on the ticket and kept for readiness', async () => {
    const id = 'stream-refuses-1';
    const streamId = ticketStreamId(id);
    await server.harness.events.appendToStream(streamId, [{ eventId: `${streamId}:1`, type: 'ServiceRequestReceived', data: { other: true } }]);

    const handle = await start(id, aServiceRequest({ severity: 'B' }));
    const waiting = await waitForStatus(handle, 'awaiting-response');
    await handle.executeUpdate(closeUpdate, { args: [{ resolution: 'Fixed' }] });
    const closed = await handle.result();

    expect(waiting.journalFault).toMatch(/other data/);
    expect(closed).toMatchObject({ status: 'closed', outcome: 'resolved', journalFault: waiting.journalFault });
    expect((await server.harness.events.readStream(streamId)).map((e) => e.data)).toEqual([{ other: true }]);
    const faults = await server.harness.journalFaults.list();
    expect(faults).toEqual([expect.objectContaining({ streamId, workflowId: serviceRequestWorkflowId(id) })]);
    expect((await stateOf(handle)).handoff?.microsoftTicketId).toEqual(expect.any(String));
    // The closure's alert went out all the same, though the append it rode with was refused.
    expect(server.harness.alertsRaised(id).map((alert) => alert.kind)).toContain('closure');
  });
});
