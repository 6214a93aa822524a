import type { TicketStatus } from '@escalade/domain';
import { formatDuration } from './duration';

export interface Countdown {
  text: string;
  late: boolean;
}

/**
 * The time left to Microsoft's response target, counted while the ticket waits for it: "4m 07s", then
 * "late by 12s" once due or breached. A whole second is shown until the due time itself, so "0s" is never
 * shown early.
 */
export function countdown(
  ticket: { status: TicketStatus; responseDueAt?: string | null; breached: boolean },
  now: number,
): Countdown {
  if (!ticket.responseDueAt) return { text: '—', late: false };
  if (ticket.status === 'responded') return { text: ticket.breached ? 'answered late' : 'answered', late: ticket.breached };
  if (ticket.status !== 'awaiting-response') return { text: '—', late: ticket.breached };
  const left = Date.parse(ticket.responseDueAt) - now;
  // A recorded breach wins over this browser's clock, which may lag the server's (or the last tick).
  if (left > 0 && !ticket.breached) return { text: formatDuration(Math.ceil(left / 1000) * 1000), late: false };
  return { text: `late by ${formatDuration(-left)}`, late: true };
}
