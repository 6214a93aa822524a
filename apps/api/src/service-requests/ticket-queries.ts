import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { Client } from '@temporalio/client';
import type { AppConfig } from '@escalade/config';
import type { TicketListPage, TicketView } from '@escalade/contract';
import { InvalidCursorError, TicketsProjection, TicketsQuery } from '@escalade/persistence';
import { partnerTenantsOf, type Principal } from '../auth/principal';
import { DEFAULT_PAGE_LIMIT } from '../validation/page-limit.decorator';
import { invalidRequest } from '../validation/validation-exception.factory';
import type { ListServiceRequestsQuery } from './dto/list-service-requests.query';
import { StoredTicketStates } from './stored-ticket-states';
import type { TicketRef } from './ticket-locator';
import { TicketWorkflows } from './ticket-workflow';

/** A ticket as its events make it, and the read model's pages of tickets. */
@Injectable()
export class TicketQueries {
  constructor(
    private readonly workflows: TicketWorkflows,
    private readonly config: ConfigService<AppConfig, true>,
    private readonly tickets: TicketsQuery,
    private readonly projection: TicketsProjection,
    private readonly client: Client,
    private readonly stored: StoredTicketStates,
  ) {}

  /** From the ticket's stored events; from its workflow where they cannot tell (see StoredTicketStates). */
  async get(principal: Principal, ref: TicketRef): Promise<TicketView> {
    const workflow = await this.workflows.find(principal, ref);
    const state = (await this.stored.read(workflow.ticket)) ?? (await workflow.state());
    const ui = this.config.get('TEMPORAL_UI_URL', { infer: true });
    const { namespace } = this.client.options;
    const temporalUi = `${ui}/namespaces/${encodeURIComponent(namespace)}/workflows/${encodeURIComponent(state.workflowId)}`;
    return { ...state, partnerTenantId: workflow.ticket.partnerTenantId, links: { temporalUi } };
  }

  async list(principal: Principal, { cursor, limit = DEFAULT_PAGE_LIMIT, dueBefore, ...filters }: ListServiceRequestsQuery): Promise<TicketListPage> {
    // Read before the page: the page reflects at least this much of the log, so following on from it misses nothing.
    const position = await this.projection.checkpoint();
    try {
      const page = await this.tickets.list(
        { ...filters, dueBefore: dueBefore && new Date(dueBefore).toISOString() },
        { cursor, limit },
        partnerTenantsOf(principal),
      );
      return { ...page, position };
    } catch (err) {
      if (!(err instanceof InvalidCursorError)) throw err;
      throw invalidRequest([{ field: 'cursor', problems: [err.message] }]);
    }
  }
}
