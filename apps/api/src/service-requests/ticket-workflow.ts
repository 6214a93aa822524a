import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import {
  Client,
  WorkflowNotFoundError,
  WorkflowUpdateFailedError,
  WorkflowUpdateStage,
  type WorkflowHandle,
} from '@temporalio/client';
import type { UpdateDefinition } from '@temporalio/common';
import type { PendingTicket } from '@escalade/contract';
import type { TicketState } from '@escalade/domain';
import { ticketStateQuery, type serviceRequestWorkflow } from '@escalade/workflows';
import type { Principal } from '../auth/principal';
import { TicketLocator, type LocatedTicket, type TicketRef } from './ticket-locator';

/** How long a command waits for its update to complete (its event stored) before answering with the state so far. */
const UPDATE_WAIT_MS = 5_000;

/** What a command is called in its refusal (`Cannot <action> ticket INC-1: …`), and the flag of its answer while pending. */
export interface UpdateCommand<Pending extends string> {
  action: string;
  pending: Pending;
}

/** A located ticket's workflow: its state, and the updates that move it on. */
export class TicketWorkflow {
  constructor(
    readonly ticket: LocatedTicket,
    private readonly client: Client,
  ) {}

  get handle(): WorkflowHandle<typeof serviceRequestWorkflow> {
    return this.client.workflow.getHandle(this.ticket.workflowId);
  }

  /** 404 when Temporal no longer has its workflow. */
  async state(): Promise<TicketState> {
    try {
      return await this.handle.query(ticketStateQuery);
    } catch (err) {
      if (err instanceof WorkflowNotFoundError) throw new NotFoundException(`No service request with id "${this.ticket.id}"`);
      throw err;
    }
  }

  /**
   * Runs a workflow update, waiting at most UPDATE_WAIT_MS: a handler completes only once its event is stored, which
   * waits for the database. Accepted but not completed by then, the workflow will finish it on its own: the answer is
   * the ticket's state so far, flagged `pending`. Refused by its validator, or sent to a workflow that has ended, the
   * command conflicts with the ticket's state: a 409 saying why.
   */
  async update<Arg, Pending extends string>(
    definition: UpdateDefinition<TicketState, [Arg]>,
    arg: Arg,
    { action, pending }: UpdateCommand<Pending>,
  ): Promise<TicketState | PendingTicket<Pending>> {
    const waited = new AbortController();
    const timer = setTimeout(() => waited.abort(), UPDATE_WAIT_MS);
    let accepted = false;
    try {
      return await this.client.connection.withAbortSignal(waited.signal, async () => {
        const update = await this.handle.startUpdate(definition, { args: [arg], waitForStage: WorkflowUpdateStage.ACCEPTED });
        accepted = true;
        return await update.result();
      });
    } catch (err) {
      if (err instanceof WorkflowUpdateFailedError) throw this.refused(action, err.cause?.message ?? err.message);
      if (err instanceof WorkflowNotFoundError) throw this.refused(action, `it is ${(await this.state()).status}`);
      if (accepted && waited.signal.aborted) return { ...(await this.state()), [pending]: true } as PendingTicket<Pending>;
      throw err;
    } finally {
      clearTimeout(timer);
    }
  }

  refused(action: string, why: string): ConflictException {
    return new ConflictException(`Cannot ${action} ticket ${this.ticket.id}: ${why}`);
  }
}

/** Finds a ticket's workflow among the principal's partners' tickets (404 otherwise; see TicketLocator). */
@Injectable()
export class TicketWorkflows {
  constructor(
    private readonly client: Client,
    private readonly locator: TicketLocator,
  ) {}

  async find(principal: Principal, { id, partnerTenantId }: TicketRef): Promise<TicketWorkflow> {
    return new TicketWorkflow(await this.locator.locate(principal, id, partnerTenantId), this.client);
  }
}
