import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { IdempotencyKeyStore, TicketsQuery } from '@escalade/persistence';
import { serviceRequestWorkflowId, ticketStreamId } from '@escalade/workflows';
import { partnerTenantsOf, type Principal } from '../auth/principal';
import { OutageMemory } from '../errors/outage-memory';

/** A ticket as a request names it: its id, and its partner tenant when the principal's partners share the id. */
export interface TicketRef {
  id: string;
  partnerTenantId?: string;
}

/** Where a ticket lives: its partner tenant, workflow and event stream. */
export interface LocatedTicket {
  id: string;
  partnerTenantId: string;
  key: string;
  workflowId: string;
  streamId: string;
}

const WORKFLOW_PREFIX = serviceRequestWorkflowId('');

/** A ticket's place from its workflow id, which tells its key (`<partner>~<id>`, or the bare id of an older ticket). */
export function locatedAt({ id, partnerTenantId, workflowId }: Pick<LocatedTicket, 'id' | 'partnerTenantId' | 'workflowId'>): LocatedTicket {
  const key = workflowId.slice(WORKFLOW_PREFIX.length);
  return { id, partnerTenantId, key, workflowId, streamId: ticketStreamId(key) };
}

/**
 * Finds a ticket by its id among the principal's partner tenants only: another partner's ticket is a 404, exactly
 * like one that does not exist. Two of the principal's partners may use the same id: `partnerTenantId` tells which.
 */
@Injectable()
export class TicketLocator {
  /** By partner scope and id: where a ticket lives never changes once it is found. */
  private readonly memory = new OutageMemory<LocatedTicket[]>();

  constructor(
    private readonly idempotencyKeys: IdempotencyKeyStore,
    private readonly tickets: TicketsQuery,
  ) {}

  async locate(principal: Principal, id: string, partnerTenantId?: string): Promise<LocatedTicket> {
    const partners = partnerTenantsOf(principal);
    const scope = partnerTenantId === undefined ? partners : narrowed(partners, partnerTenantId.toLowerCase());
    const found = (await this.memory.read(memoryKey(scope, id), () => this.find(id, scope))) ?? [];
    const [ticket, ...others] = found;
    if (!ticket) throw new NotFoundException(`No service request with id "${id}"`);
    if (others.length > 0) {
      const tenants = [ticket, ...others].map((t) => t.partnerTenantId).join(', ');
      throw new ConflictException(`Ticket id "${id}" is used by several of your partner tenants (${tenants}): add ?partnerTenantId=<tenant>`);
    }
    return ticket;
  }

  /**
   * A ticket just opened, for its opener: found at once during a database outage that starts right after. (Another of
   * the opener's partners using the same id would then go unseen until the database is back.)
   */
  remember(principal: Principal, ticket: LocatedTicket): void {
    this.memory.remember(memoryKey(partnerTenantsOf(principal), ticket.id), [ticket]);
  }

  private async find(id: string, scope: 'all' | readonly string[]): Promise<LocatedTicket[] | undefined> {
    const found = new Map<string, LocatedTicket>();
    for (const claim of await this.idempotencyKeys.find(id, scope)) {
      const ticket = locatedAt({ id, partnerTenantId: claim.partnerTenantId, workflowId: claim.workflowId });
      found.set(ticket.key, ticket);
    }
    for (const row of await this.tickets.findUnscoped(id, scope)) {
      found.set(row.key, locatedAt({ id, partnerTenantId: row.partnerTenantId, workflowId: serviceRequestWorkflowId(row.key) }));
    }
    return found.size > 0 ? [...found.values()] : undefined;
  }
}

function memoryKey(scope: 'all' | readonly string[], id: string): string {
  return `${scope === 'all' ? '*' : [...scope].sort().join(',')}|${id}`;
}

function narrowed(partners: 'all' | readonly string[], partnerTenantId: string): readonly string[] {
  return partners === 'all' || partners.includes(partnerTenantId) ? [partnerTenantId] : [];
}
