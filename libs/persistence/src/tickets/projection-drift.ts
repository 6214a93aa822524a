import type { TicketStatus, TicketSummary } from '@escalade/domain';
import type { ParkedEvent } from '../parked-events/parked-event.entity';
import { ticketKeyOf } from './ticket-change';
import type { FoldedTicketLog } from './ticket-log';

export interface FieldDifference {
  field: keyof TicketSummary;
  log: unknown;
  readModel: unknown;
}

export type TicketDrift =
  /** The log has the ticket, the read model does not. */
  | { ticketId: string; kind: 'missing' }
  /** The read model has a ticket the log does not. */
  | { ticketId: string; kind: 'unexpected' }
  | { ticketId: string; kind: 'different'; fields: FieldDifference[] }
  /** The log cannot be folded at `position`, yet nothing of the ticket is parked. */
  | { ticketId: string; kind: 'unfoldable'; position: number; problem: string };

export interface ParkedTicket {
  ticketId: string;
  events: number;
  firstPosition: number;
  /** Why its first parked event was parked. */
  reason: string;
}

export interface ProjectionDrift {
  /** Sorted by ticket id; parked tickets are left out. */
  tickets: TicketDrift[];
  parked: ParkedTicket[];
}

/** Compares the read model with the rows the log gives, field by field, leaving out tickets with parked events. */
export function projectionDrift(log: FoldedTicketLog, readModel: { rows: TicketSummary[]; parked: ParkedEvent[] }): ProjectionDrift {
  const parked = parkedTickets(readModel.parked);
  const parkedIds = new Set(parked.map((ticket) => ticket.ticketId));
  const rows = new Map(readModel.rows.map((row) => [row.key, row]));
  const ids = new Set([...log.rows.keys(), ...log.refused.keys(), ...rows.keys()]);
  const tickets = [...ids]
    .filter((id) => !parkedIds.has(id))
    .sort()
    .flatMap((id) => ticketDrift(id, log, rows.get(id)) ?? []);
  return { tickets, parked };
}

export interface WorkflowDrift {
  ticketId: string;
  readModel: TicketStatus;
  workflow: 'running' | 'not running';
}

/** Tickets open in the read model whose workflow is not running, and closed ones whose workflow still runs. */
export function workflowDrift(rows: Pick<TicketSummary, 'key' | 'status'>[], isRunning: (ticketId: string) => boolean): WorkflowDrift[] {
  return rows.flatMap((row) => {
    const running = isRunning(row.key);
    if ((row.status === 'closed') !== running) return [];
    return [{ ticketId: row.key, readModel: row.status, workflow: running ? 'running' : 'not running' }];
  });
}

function ticketDrift(ticketId: string, log: FoldedTicketLog, row: TicketSummary | undefined): TicketDrift | undefined {
  const refused = log.refused.get(ticketId);
  if (refused) return { ticketId, kind: 'unfoldable', ...refused };
  const expected = log.rows.get(ticketId);
  if (!expected) return { ticketId, kind: 'unexpected' };
  if (!row) return { ticketId, kind: 'missing' };
  const fields = (Object.keys(expected) as (keyof TicketSummary)[])
    .filter((field) => expected[field] !== row[field])
    .map((field) => ({ field, log: expected[field], readModel: row[field] }));
  return fields.length > 0 ? { ticketId, kind: 'different', fields } : undefined;
}

function parkedTickets(events: ParkedEvent[]): ParkedTicket[] {
  const tickets = new Map<string, ParkedTicket>();
  for (const event of [...events].sort((a, b) => a.position - b.position)) {
    const ticketId = ticketKeyOf(event.streamId);
    const ticket = tickets.get(ticketId);
    if (ticket) ticket.events += 1;
    else tickets.set(ticketId, { ticketId, events: 1, firstPosition: event.position, reason: event.reason });
  }
  return [...tickets.values()];
}
