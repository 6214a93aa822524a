import { randomUUID } from 'node:crypto';
import type { Severity } from '@escalade/domain';
import type { TicketView } from './escalade-api';
import { ANSWER_WITHIN_MS } from './fault-settings';
import type { FaultSystem } from './fault-system';
import type { TicketPlan } from './ticket-observation';
import { eventually } from './timing';
import { mapConcurrently } from '@escalade/worker';

export function planTicket(id: string, group: string, severity: Severity, more: Partial<TicketPlan> = {}): TicketPlan {
  return { id, group, severity, customerTenantId: randomUUID(), ending: 'resolved', ...more };
}

/** A ticket filed at Microsoft, its response timer running. */
export type FiledTicket = TicketView & Required<Pick<TicketView, 'handoff' | 'responseDueAt'>>;

/** The moment a share of the ticket's response window has passed (0: filed, 1: due). */
export function windowShare(ticket: FiledTicket, share: number): number {
  const filedAt = Date.parse(ticket.handoff.filedAt);
  return filedAt + share * (Date.parse(ticket.responseDueAt) - filedAt);
}

/** Opens the ticket and waits until it is filed at Microsoft and its response timer runs. */
export async function openFiled(system: FaultSystem, plan: TicketPlan): Promise<FiledTicket> {
  await system.api.open(plan.id, plan.severity, plan.customerTenantId);
  return eventually(
    `${plan.id} filed at Microsoft`,
    async () => {
      const ticket = await system.api.ticket(plan.id);
      return ticket.handoff && ticket.responseDueAt ? (ticket as FiledTicket) : undefined;
    },
    { timeoutMs: 30_000 },
  );
}

/** Keeps the ticket in its plan if it shows Microsoft's answer; says whether it does. */
export function recordIfAnswered(plan: TicketPlan, ticket: TicketView): boolean {
  if (ticket.status !== 'responded') return false;
  plan.atAnswer = ticket;
  plan.answerSeenAt = Date.now();
  return true;
}

/** Waits until the ticket shows Microsoft's answer (see recordIfAnswered); gives up after ANSWER_WITHIN_MS (the checks then say so). */
export async function awaitAnswerShown(system: FaultSystem, plan: TicketPlan): Promise<void> {
  await eventually(`${plan.id} showing Microsoft's answer`, async () => recordIfAnswered(plan, await system.api.ticket(plan.id)) || undefined, {
    timeoutMs: ANSWER_WITHIN_MS,
  }).catch(() => undefined);
}

/** Runs `work` over `items`, `concurrency` at a time. */
export async function inBatches<T>(items: readonly T[], concurrency: number, work: (item: T) => Promise<void>): Promise<void> {
  await mapConcurrently(items, concurrency, work);
}

/** Closes each ticket not closed yet (cancelled ones are); retried while a server restarts. */
export async function closeAll(system: FaultSystem, plans: readonly TicketPlan[]): Promise<void> {
  await inBatches(plans.filter((plan) => plan.ending === 'resolved'), 16, async (plan) => {
    const closed = async () => {
      await system.api.close(plan.id);
      return true;
    };
    await eventually(`closing ${plan.id}`, closed, { timeoutMs: 60_000 });
  });
}
