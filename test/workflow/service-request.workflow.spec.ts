import { WorkflowUpdateFailedError } from '@temporalio/client';
import { DEFAULT_SLA_POLICY, responseDeadline, type BusinessCalendar } from '@escalade/domain';
import { aServiceRequest } from '@escalade/domain/testing';
import {
  azureAccessGrantedSignal,
  changeSeverityUpdate,
  closeUpdate,
  microsoftRespondedSignal,
  ticketStreamId,
} from '@escalade/workflows';
import { UNKNOWN_SUPPORT_TOPIC_ID } from '../support/test-microsoft-support';
import {
  escalationAlertsOf,
  eventTypesOf,
  onTimeSkippingServer,
  stateOf,
  stateWhen,
  waitForEventType,
  waitForStatus,
  WorkflowHarness,
} from '../support/workflow-harness';

const HOUR = 3_600_000;
const MINUTE = 60_000;

describe('service-request workflow on the time-skipping server', () => {
  const server = onTimeSkippingServer((env) => new WorkflowHarness(env));



  describe('severity A, English, break/fix', () => {
    it('breaches at exactly 2 h and not before, and alerts the coordinators once', async () => {
      const handle = await server.harness.open(aServiceRequest({ severity: 'A' }));
      const waiting = await waitForStatus(handle, 'awaiting-response');
      expect(Date.parse(waiting.responseDueAt!) - Date.parse(waiting.handoff!.filedAt)).toBe(2 * HOUR);
      expect(waiting.handoff!.microsoftTicketId).toMatch(/^\d+$/);
      expect(waiting.responseWindow).toMatchObject({ startsAt: waiting.handoff!.filedAt, dueAt: waiting.responseDueAt });

      await server.env.sleep(2 * HOUR - 1_000);
      expect(await stateOf(handle)).toMatchObject({ breached: false, escalationLevel: 0 });

      await server.env.sleep(1_000);
      // The breach and level 1 (due with it) are applied one after the other: the state is read once both are.
      const breached = await stateWhen(handle, (s) => s.escalationLevel >= 1);
      expect(breached).toMatchObject({ status: 'awaiting-response', breached: true, escalationLevel: 1 });
      expect(breached.breachedAt).toBe(breached.responseDueAt);
      const alerts = await escalationAlertsOf(server.harness, breached.id, 1);
      expect(alerts.map((a) => [a.level, a.audience])).toEqual([[1, 'coordinators']]);
    });

    it('takes a response at 1 h 59 m without any escalation and meets the target', async () => {
      const handle = await server.harness.open(aServiceRequest({ severity: 'A' }));
      await waitForStatus(handle, 'awaiting-response');
      await server.env.sleep(119 * MINUTE);
      await handle.signal(microsoftRespondedSignal, { note: 'Engineer assigned' });
      await waitForStatus(handle, 'responded');

      await server.env.sleep(5 * HOUR);
      const state = await stateOf(handle);
      expect(state).toMatchObject({ status: 'responded', breached: false, escalationLevel: 0 });
      expect(server.harness.escalationAlerts(state.id)).toEqual([]);

      const closed = await handle.executeUpdate(closeUpdate, { args: [{ resolution: 'Fixed by Microsoft' }] });
      expect(closed).toMatchObject({ status: 'closed', outcome: 'resolved', targetMet: true, resolution: 'Fixed by Microsoft' });
      expect(await eventTypesOf(server.harness, handle)).toEqual([
        'ServiceRequestReceived',
        'EligibilityDecided',
        'HandedOff',
        'ResponseDueTimeSet',
        'BreachWarningRaised',
        'MicrosoftResponded',
        'ServiceRequestClosed',
      ]);
    });

    it('climbs the ladder: level 2 to the duty manager half a window after the breach, level 3 after a full one', async () => {
      const handle = await server.harness.open(aServiceRequest({ severity: 'A' }));
      await waitForStatus(handle, 'awaiting-response');
      await server.env.sleep(2 * HOUR + 59 * MINUTE);
      expect((await stateOf(handle)).escalationLevel).toBe(1);
      await server.env.sleep(MINUTE);
      const second = await stateOf(handle);
      expect(second.escalationLevel).toBe(2);
      expect(second.escalations.map((e) => e.audience)).toEqual(['coordinators', 'duty-manager']);
      await server.env.sleep(HOUR);
      expect((await stateOf(handle)).escalationLevel).toBe(3);
      const alerts = await escalationAlertsOf(server.harness, second.id, 3);
      expect(alerts.map((a) => a.level)).toEqual([1, 2, 3]);
      expect((await eventTypesOf(server.harness, handle)).slice(4)).toEqual([
        'BreachWarningRaised',
        'SlaBreached',
        'Escalated',
        'Escalated',
        'Escalated',
      ]);
    });

    it('ends the wait on a late response but records the target as missed', async () => {
      const handle = await server.harness.open(aServiceRequest({ severity: 'A' }));
      await waitForStatus(handle, 'awaiting-response');
      await server.env.sleep(2 * HOUR + 30 * MINUTE);
      await handle.signal(microsoftRespondedSignal, {});
      const responded = await waitForStatus(handle, 'responded');
      expect(responded).toMatchObject({ breached: true, escalationLevel: 1 });
      expect(Date.parse(responded.respondedAt!)).toBeGreaterThan(Date.parse(responded.responseDueAt!));

      await server.env.sleep(10 * HOUR);
      expect((await stateOf(handle)).escalationLevel).toBe(1);
      const closed = await handle.executeUpdate(closeUpdate, { args: [{ resolution: 'Answered late' }] });
      expect(closed).toMatchObject({ outcome: 'resolved', targetMet: false, breached: true });
    });
  });

  describe('breach warning and severity changes', () => {
    const filedAtOf = async (handle: Parameters<typeof stateOf>[0]) =>
      Date.parse((await stateOf(handle)).handoff!.filedAt);

    it('warns at 75 % of the window: 1 h 30 m for severity A, and only once', async () => {
      const handle = await server.harness.open(aServiceRequest({ severity: 'A' }));
      await waitForStatus(handle, 'awaiting-response');
      // Some seconds of the server's clock may pass between the filing and the test seeing it: a margin of 30 s.
      await server.env.sleep(90 * MINUTE - 30_000);
      expect((await stateOf(handle)).warnedAt).toBeUndefined();
      await server.env.sleep(31_000);
      const warned = await stateOf(handle);
      expect(Date.parse(warned.warnedAt!) - Date.parse(warned.handoff!.filedAt)).toBe(90 * MINUTE);
      expect(warned.breached).toBe(false);
      await server.env.sleep(20 * MINUTE);
      expect((await eventTypesOf(server.harness, handle)).filter((t) => t === 'BreachWarningRaised')).toHaveLength(1);
      await handle.cancel();
      await handle.result(); // closed for good before another test moves the clock
    });

    it('raising C to A after 3 h recomputes the target from the filing time and breaches at once', async () => {
      const handle = await server.harness.open(aServiceRequest({ severity: 'C' }));
      await waitForStatus(handle, 'awaiting-response');
      const filedAt = await filedAtOf(handle);
      await server.env.sleep(3 * HOUR);
      const changed = await handle.executeUpdate(changeSeverityUpdate, {
        args: [{ severity: 'A', reason: 'Production down', changedBy: 'coordinator' }],
      });
      expect(changed).toMatchObject({ severity: 'A' });
      expect(Date.parse(changed.responseDueAt!) - filedAt).toBe(2 * HOUR);
      await server.env.sleep(1_000);
      const state = await stateOf(handle);
      expect(state).toMatchObject({ breached: true, breachedAt: changed.responseDueAt });
      expect(state.escalationLevel).toBeGreaterThanOrEqual(1);
      expect(await eventTypesOf(server.harness, handle)).toEqual(
        expect.arrayContaining(['SeverityChanged', 'SlaBreached', 'Escalated']),
      );
      await handle.cancel();
      await handle.result(); // closed for good before another test moves the clock
    });

    it('lowering A to C after 1 h moves the breach from 2 h to 8 h after filing', async () => {
      const handle = await server.harness.open(aServiceRequest({ severity: 'A' }));
      await waitForStatus(handle, 'awaiting-response');
      const filedAt = await filedAtOf(handle);
      await server.env.sleep(HOUR);
      const changed = await handle.executeUpdate(changeSeverityUpdate, {
        args: [{ severity: 'C', reason: 'Workaround found', changedBy: 'coordinator' }],
      });
      expect(Date.parse(changed.responseDueAt!) - filedAt).toBe(8 * HOUR);
      await server.env.sleep(7 * HOUR - 1_000);
      expect((await stateOf(handle)).breached).toBe(false);
      await server.env.sleep(2_000);
      expect((await stateOf(handle)).breached).toBe(true);
      await handle.cancel();
      await handle.result(); // closed for good before another test moves the clock
    });

    it('refuses a change to the same severity, or once Microsoft has responded', async () => {
      const handle = await server.harness.open(aServiceRequest({ severity: 'B' }));
      await waitForStatus(handle, 'awaiting-response');
      const change = (severity: 'A' | 'B') =>
        handle.executeUpdate(changeSeverityUpdate, { args: [{ severity, reason: 'r', changedBy: 'c' }] });
      await expect(change('B')).rejects.toThrow(WorkflowUpdateFailedError);
      await handle.signal(microsoftRespondedSignal, {});
      await waitForStatus(handle, 'responded');
      await expect(change('A')).rejects.toThrow(WorkflowUpdateFailedError);
      expect((await stateOf(handle)).severity).toBe('B');
      await handle.cancel();
      await handle.result(); // closed for good before another test moves the clock
    });
  });

  it('counts a non-break/fix business day in business hours, across a weekend', async () => {
    // The test server's clock has moved on with the other tests: its "today" and the next two days are the weekend.
    const today = ((new Date(await server.env.currentTimeMs()).getUTCDay() + 6) % 7) + 1; // ISO weekday
    const isoDay = (offset: number) => (((today - 1 + offset) % 7) + 1) as 1 | 2 | 3 | 4 | 5 | 6 | 7;
    const week: BusinessCalendar['week'] = {};
    for (const offset of [3, 4, 5, 6]) week[isoDay(offset)] = [[9 * 60, 17 * 60]]; // filed on a day off, then two more
    const policy = { ...DEFAULT_SLA_POLICY, calendar: { timeZone: 'UTC', week, holidays: [] } };
    const request = aServiceRequest({ incidentType: 'non-break-fix', severity: 'C' });

    const handle = await server.harness.open(request, policy);
    const waiting = await waitForStatus(handle, 'awaiting-response');
    const filedAt = new Date(waiting.handoff!.filedAt);
    const dueAt = Date.parse(waiting.responseDueAt!);
    expect(dueAt).toBe(responseDeadline(filedAt, request, policy).getTime());
    expect(dueAt - filedAt.getTime()).toBeGreaterThan(48 * HOUR); // the weekend lies in between

    // To a second before the due time, from the test server's clock now (it may have moved on since the filing).
    const secondBefore = dueAt - 1_000 - (await server.env.currentTimeMs());
    expect(secondBefore).toBeGreaterThan(0);
    await server.env.sleep(secondBefore);
    expect((await stateOf(handle)).breached).toBe(false);
    await server.env.sleep(2_000);
    expect((await stateOf(handle)).breached).toBe(true);
    await handle.cancel();
    await handle.result(); // closed for good before another test moves the clock
  });

  it('gives severity B 4 h and severity C 8 h', async () => {
    for (const [severity, hours] of [['B', 4], ['C', 8]] as const) {
      const handle = await server.harness.open(aServiceRequest({ severity }));
      const state = await waitForStatus(handle, 'awaiting-response');
      expect(Date.parse(state.responseDueAt!) - Date.parse(state.handoff!.filedAt)).toBe(hours * HOUR);
    }
  });

  it('closes before any response with the resolution and returns the final state as the result', async () => {
    const handle = await server.harness.open(aServiceRequest({ severity: 'C' }));
    await waitForStatus(handle, 'awaiting-response');
    const closed = await handle.executeUpdate(closeUpdate, { args: [{ resolution: 'Customer solved it' }] });
    expect(closed).toMatchObject({ status: 'closed', outcome: 'resolved', targetMet: true, breached: false });
    expect(await handle.result()).toEqual(closed);
    await expect(handle.executeUpdate(closeUpdate, { args: [{ resolution: 'again' }] })).rejects.toThrow();
  });

  it('rejects a close without a resolution', async () => {
    const handle = await server.harness.open(aServiceRequest());
    await waitForStatus(handle, 'awaiting-response');
    await expect(handle.executeUpdate(closeUpdate, { args: [{ resolution: '  ' }] })).rejects.toThrow(
      WorkflowUpdateFailedError,
    );
    expect((await stateOf(handle)).status).toBe('awaiting-response');
    await handle.cancel();
    await handle.result(); // closed for good before another test moves the clock
  });

  it('ends as cancelled when the workflow is cancelled', async () => {
    const handle = await server.harness.open(aServiceRequest());
    await waitForStatus(handle, 'awaiting-response');
    await handle.cancel();
    expect(await handle.result()).toMatchObject({ status: 'closed', outcome: 'cancelled' });
  });

  it('closes as handoff-rejected when Microsoft rejects the filing, recording its reason', async () => {
    const handle = await server.harness.open(aServiceRequest({ supportTopicId: UNKNOWN_SUPPORT_TOPIC_ID }));
    const result = await handle.result();
    expect(result).toMatchObject({ status: 'closed', outcome: 'handoff-rejected', targetMet: null, escalationLevel: 0 });
    expect(result.handoff).toBeUndefined();
    const events = await server.harness.events.readStream(ticketStreamId(result.id));
    expect(events.map((e) => e.type)).toEqual([
      'ServiceRequestReceived',
      'EligibilityDecided',
      'HandoffRejected',
      'ServiceRequestClosed',
    ]);
    expect(events[2].data).toEqual({
      reason: expect.stringContaining(`SupportTopicId: "${UNKNOWN_SUPPORT_TOPIC_ID}" is not a support topic`),
      status: 400,
      code: 400,
    });
    expect(events[3].data).toMatchObject({ outcome: 'handoff-rejected', targetMet: null });
    expect(server.harness.escalationAlerts(result.id)).toEqual([]);
  });

  describe('eligibility outcomes', () => {
    it('refuses a phone request and closes with the reason, never handing off', async () => {
      const filedBefore = server.harness.microsoft.filedCount;
      const handle = await server.harness.open(aServiceRequest({ channel: 'phone' }));
      const result = await handle.result();
      expect(result).toMatchObject({ status: 'closed', outcome: 'refused', targetMet: null });
      expect(result.eligibility).toMatchObject({ decision: 'refused', reason: expect.stringMatching(/phone/i) });
      expect(result.handoff).toBeUndefined();
      expect(server.harness.microsoft.filedCount).toBe(filedBefore);
      expect(await eventTypesOf(server.harness, handle)).toEqual(['ServiceRequestReceived', 'EligibilityDecided', 'ServiceRequestClosed']);
    });

    it('redirects a marketplace product to its ISV', async () => {
      const request = aServiceRequest({
        product: 'marketplace',
        marketplace: { productName: 'Contoso Backup', isv: { name: 'Contoso ISV', supportEmail: 'help@isv.example' } },
      });
      const result = await (await server.harness.open(request)).result();
      expect(result).toMatchObject({ outcome: 'redirected', eligibility: { decision: 'redirected' } });
      expect(result.eligibility!.redirectTo).toMatchObject({ kind: 'isv', name: 'Contoso ISV' });
    });

    it('waits for Azure access, then hands off once the indirect provider grants it', async () => {
      const request = aServiceRequest({ product: 'azure' });
      request.partner = { ...request.partner, role: 'indirect-reseller', azureAccessGranted: false };
      const handle = await server.harness.open(request);
      const waiting = await waitForStatus(handle, 'awaiting-access');
      expect(waiting.eligibility).toMatchObject({ decision: 'needs-access' });
      await server.env.sleep(3 * 24 * HOUR);
      await handle.signal(azureAccessGrantedSignal, { grantedBy: 'provider-admin' });
      const handedOff = await waitForStatus(handle, 'awaiting-response');
      expect(handedOff.eligibility!.decision).toBe('eligible');
      expect(handedOff.handoff).toMatchObject({ portal: 'azure-portal' });
      await handle.cancel();
      await handle.result(); // closed for good before another test moves the clock
    });

    it('closes as access-timed-out when access is not granted within the configured time-out', async () => {
      const request = aServiceRequest({ product: 'azure' });
      request.partner = { ...request.partner, role: 'indirect-reseller', azureAccessGranted: false };
      const handle = await server.harness.open(request, { ...DEFAULT_SLA_POLICY, accessTimeoutMinutes: 60 });
      await waitForStatus(handle, 'awaiting-access');
      await server.env.sleep(30 * MINUTE - 1_000);
      expect(await eventTypesOf(server.harness, handle)).not.toContain('AzureAccessReminded');
      await server.env.sleep(1_000); // half the time-out: the (patched-in) reminder
      await waitForEventType(server.harness, handle, 'AzureAccessReminded');
      await server.env.sleep(29 * MINUTE);
      expect((await stateOf(handle)).status).toBe('awaiting-access');
      const result = await handle.result();
      expect(result).toMatchObject({ status: 'closed', outcome: 'access-timed-out', targetMet: null });
      expect(await eventTypesOf(server.harness, handle)).toEqual([
        'ServiceRequestReceived',
        'EligibilityDecided',
        'AzureAccessAwaited',
        'AzureAccessReminded',
        'ServiceRequestClosed',
      ]);
    });
  });
});
