import { ConflictException, NotFoundException } from '@nestjs/common';
import { WorkflowNotFoundError, WorkflowUpdateFailedError, type Client } from '@temporalio/client';
import type { TicketState } from '@escalade/domain';
import { closeUpdate } from '@escalade/workflows';
import { locatedAt } from './ticket-locator';
import { TicketWorkflow } from './ticket-workflow';

const TICKET = locatedAt({ id: 'INC-1', partnerTenantId: 'p', workflowId: 'service-request-p~INC-1' });
const CLOSE = { action: 'close', pending: 'closing' } as const;
const stateOf = (status: TicketState['status']) => ({ id: 'INC-1', status }) as TicketState;
const notFound = () => new WorkflowNotFoundError('workflow execution already completed', TICKET.workflowId, undefined);

/** A Temporal client whose ticket workflow answers the update and the state query as told. */
function workflowWith({ update, state }: { update: (signal: AbortSignal) => Promise<TicketState>; state: () => Promise<TicketState> }) {
  let signal = new AbortController().signal;
  const handle = {
    startUpdate: async () => ({ result: () => update(signal) }),
    query: state,
  };
  const client = {
    connection: {
      withAbortSignal: (aborted: AbortSignal, fn: () => Promise<unknown>) => {
        signal = aborted;
        return fn();
      },
    },
    workflow: { getHandle: () => handle },
  } as unknown as Client;
  return new TicketWorkflow(TICKET, client);
}

describe("a ticket's workflow update", () => {
  afterEach(() => jest.useRealTimers());

  it('answers the state the workflow reached', async () => {
    const workflow = workflowWith({ update: async () => stateOf('closed'), state: async () => stateOf('responded') });
    await expect(workflow.update(closeUpdate, { resolution: 'Fixed' }, CLOSE)).resolves.toEqual(stateOf('closed'));
  });

  it("is a 409 naming the validator's reason when the workflow refuses it", async () => {
    const refused = new WorkflowUpdateFailedError('Workflow Update failed', new Error('ticket INC-1 is already closed'));
    const workflow = workflowWith({ update: () => Promise.reject(refused), state: async () => stateOf('closed') });
    const error = await workflow.update(closeUpdate, { resolution: 'Fixed' }, CLOSE).catch((err: unknown) => err);
    expect(error).toBeInstanceOf(ConflictException);
    expect((error as ConflictException).message).toBe('Cannot close ticket INC-1: ticket INC-1 is already closed');
  });

  it('is a 409 naming the status once the workflow has ended, and a 404 once Temporal has forgotten it', async () => {
    const ended = workflowWith({ update: () => Promise.reject(notFound()), state: async () => stateOf('closed') });
    await expect(ended.update(closeUpdate, { resolution: 'Fixed' }, CLOSE)).rejects.toThrow(
      new ConflictException('Cannot close ticket INC-1: it is closed'),
    );
    const gone = workflowWith({ update: () => Promise.reject(notFound()), state: () => Promise.reject(notFound()) });
    await expect(gone.update(closeUpdate, { resolution: 'Fixed' }, CLOSE)).rejects.toThrow(NotFoundException);
  });

  it('answers the state so far, flagged pending, when the accepted update does not complete within 5 s', async () => {
    jest.useFakeTimers();
    const waitsForTheDatabase = (signal: AbortSignal) =>
      new Promise<TicketState>((_, reject) => signal.addEventListener('abort', () => reject(new Error('aborted'))));
    const workflow = workflowWith({ update: waitsForTheDatabase, state: async () => stateOf('awaiting-response') });
    const answer = workflow.update(closeUpdate, { resolution: 'Fixed' }, CLOSE);
    await jest.advanceTimersByTimeAsync(5_000);
    await expect(answer).resolves.toEqual({ ...stateOf('awaiting-response'), closing: true });
  });
});
