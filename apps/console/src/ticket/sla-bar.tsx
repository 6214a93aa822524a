import type { TicketView } from '@escalade/contract';
import { formatDateTime } from '../format/time';
import { slaBarGeometry, slaMarks, type SlaMarks } from './sla-bar-geometry';

const at = (position: number) => ({ left: `${position}%` });
const between = (from: number, to: number) => ({ left: `${from}%`, width: `${Math.max(0, to - from)}%` });
export const when = (time: number) => formatDateTime(new Date(time).toISOString());

/** A target as a bar: its start on the left, warning and due marks, each escalation planned or raised, paused spans, and now. */
export function MarksBar({ marks, now, testId }: { marks: SlaMarks; now: number; testId: string }) {
  const bar = slaBarGeometry(marks, now);
  return (
    <div class="sla-bar" data-testid={testId} data-phase={bar.phase}>
      <div class="sla-track" aria-hidden="true">
        <div class="sla-zone zone-on-track" style={between(0, bar.warning)} />
        <div class="sla-zone zone-at-risk" style={between(bar.warning, bar.due)} />
        <div class="sla-zone zone-breached" style={between(bar.due, 100)} />
        <div class={`sla-elapsed phase-${bar.phase}`} style={between(0, bar.elapsed)} />
        {bar.pauses.map((pause) => (
          <div key={pause.from} class="sla-paused" style={between(pause.from, pause.to)} data-testid="paused-span" />
        ))}
      </div>
      <span class="sla-mark mark-warning" style={at(bar.warning)} title={`Warning ${when(marks.warningAt)}`}>
        Warning
      </span>
      <span class="sla-mark mark-due" style={at(bar.due)} title={`Due ${when(marks.dueAt)}`}>
        Due
      </span>
      {bar.escalations.map((mark) => (
        <span
          key={mark.level}
          class={`sla-mark mark-escalation ${mark.raised ? 'raised' : 'planned'}`}
          style={at(mark.position)}
          data-testid={`escalation-mark-${mark.level}`}
          data-state={mark.raised ? 'raised' : 'planned'}
          title={`Level ${mark.level} (${mark.audience}) ${mark.raised ? 'raised' : 'planned'} ${when(mark.at)}`}
        >
          L{mark.level}
        </span>
      ))}
      {bar.now !== undefined && (
        <span class="sla-mark mark-now" style={at(bar.now)} data-testid="now-mark">
          Now
        </span>
      )}
    </div>
  );
}

/** The first response's window: filing to due time and the ladder. */
export function SlaBar({ ticket, now }: { ticket: TicketView; now: number }) {
  const marks = slaMarks(ticket);
  if (!marks) {
    return (
      <section class="card" aria-labelledby="sla-heading">
        <h2 id="sla-heading">Response target</h2>
        <p class="empty">No response window: the ticket has not been filed with Microsoft.</p>
      </section>
    );
  }
  const stopped = ticket.respondedAt ? 'Answered' : 'Closed';
  const escalations = slaBarGeometry(marks, now).escalations;
  return (
    <section class="card" aria-labelledby="sla-heading">
      <h2 id="sla-heading">Response target</h2>
      <MarksBar marks={marks} now={now} testId="sla-bar" />
      <ul class="sla-legend" aria-label="Response window marks">
        <li>Filed {when(marks.startsAt)}</li>
        <li>Warning {when(marks.warningAt)}</li>
        <li>Due {when(marks.dueAt)}</li>
        {escalations.map((mark) => (
          <li key={mark.level} class={mark.raised ? 'raised' : 'planned'}>
            Level {mark.level} {mark.raised ? 'raised' : 'planned'} {when(mark.at)} ({mark.audience})
          </li>
        ))}
        {marks.stoppedAt !== undefined && (
          <li>
            {stopped} {when(marks.stoppedAt)}
          </li>
        )}
      </ul>
    </section>
  );
}
