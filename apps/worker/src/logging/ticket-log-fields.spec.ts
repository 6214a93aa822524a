import { MockActivityEnvironment } from '@temporalio/testing';
import { activityLogFields, ticketLogFields } from './ticket-log-fields';

const PARTNER = '22222222-2222-2222-2222-222222222222';

describe("a line's ticket fields", () => {
  it("name the ticket of a ticket's workflow: its key and its id", () => {
    expect(ticketLogFields(`service-request-${PARTNER}~INC-7`, 'run-1')).toEqual({
      workflowId: `service-request-${PARTNER}~INC-7`,
      runId: 'run-1',
      ticketKey: `${PARTNER}~INC-7`,
      ticketId: 'INC-7',
    });
  });

  it('take the key for id for a ticket opened before ids were per partner', () => {
    expect(ticketLogFields('service-request-INC-7')).toMatchObject({ ticketKey: 'INC-7', ticketId: 'INC-7' });
  });

  it('name only the workflow of any other', () => {
    expect(ticketLogFields('tickets-projection', 'run-2')).toEqual({ workflowId: 'tickets-projection', runId: 'run-2' });
  });

  it("come from Temporal's activity context while an activity runs, and are none outside", async () => {
    const env = new MockActivityEnvironment({
      activityType: 'recordTicketEvents',
      workflowExecution: { workflowId: `service-request-${PARTNER}~INC-7`, runId: 'run-3' },
    });

    await expect(env.run(async () => activityLogFields())).resolves.toEqual({
      workflowId: `service-request-${PARTNER}~INC-7`,
      runId: 'run-3',
      ticketKey: `${PARTNER}~INC-7`,
      ticketId: 'INC-7',
      activityType: 'recordTicketEvents',
    });
    expect(activityLogFields()).toEqual({});
  });
});
