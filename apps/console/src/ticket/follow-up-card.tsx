import type { TicketView } from '@escalade/contract';
import { pausedMs, type FollowUpTarget } from '@escalade/domain';
import { formatDuration } from '../format/duration';
import { followUpMarks } from './sla-bar-geometry';
import { MarksBar, when } from './sla-bar';

const OWED: Record<FollowUpTarget, string> = {
  'microsoft-update': "Microsoft owes its next update",
  'partner-reply': 'We owe Microsoft a reply: its clock is paused',
};

/**
 * After Microsoft's first answer: the follow-up round running (who owes the next word, by when), every pause of
 * Microsoft's clock, the rounds missed by each side and, once closed, the resolution time without the paused time.
 */
export function FollowUpCard({ ticket, now }: { ticket: TicketView; now: number }) {
  const { followUp, pauses = [], followUpBreaches = {}, resolutionMs } = ticket;
  if (!followUp && pauses.length === 0 && resolutionMs === undefined) return null;
  const marks = followUpMarks(ticket);
  const pausedTotal = pausedMs(pauses, new Date(now).toISOString());
  return (
    <section class="card" aria-labelledby="follow-up-heading" data-testid="follow-up" data-target={followUp?.target ?? 'none'}>
      <h2 id="follow-up-heading">After the first answer</h2>
      {followUp && marks && (
        <>
          <p class="follow-up-owed" data-testid="follow-up-owed">
            {OWED[followUp.target]} (round {followUp.round})
          </p>
          <MarksBar marks={marks} now={now} testId="follow-up-bar" />
        </>
      )}
      <ul class="sla-legend" aria-label="Follow-up marks">
        {followUp && marks && (
          <>
            <li>Since {when(marks.startsAt)}</li>
            <li>Warning {when(marks.warningAt)}</li>
            <li>Due {when(marks.dueAt)}</li>
          </>
        )}
        {pauses.map(({ from, to }) => (
          <li key={from} data-testid="pause">
            Microsoft's clock paused {when(Date.parse(from))} – {to ? when(Date.parse(to)) : 'now'}
          </li>
        ))}
        {pauses.length > 0 && <li data-testid="paused-total">Paused in all {formatDuration(pausedTotal)}</li>}
        <li data-testid="follow-up-misses">
          Missed: Microsoft {followUpBreaches['microsoft-update'] ?? 0}, us {followUpBreaches['partner-reply'] ?? 0}
        </li>
        {ticket.resolutionBreached && (
          <li class="raised" data-testid="resolution-breached">
            Resolution target breached
          </li>
        )}
        {resolutionMs !== undefined && <li data-testid="resolution-time">Resolved in {formatDuration(resolutionMs)}, paused time excluded</li>}
      </ul>
    </section>
  );
}
