import type { TimelineEntry } from '@escalade/contract';
import { formatDateTime } from '../format/time';
import { EVENT_LABELS } from '../format/labels';

export function Timeline({ events }: { events: TimelineEntry[] }) {
  return (
    <section class="card" aria-labelledby="timeline-heading">
      <h2 id="timeline-heading">Timeline</h2>
      {events.length === 0 ? (
        <p class="empty">No event yet.</p>
      ) : (
        <ol class="timeline">
          {events.map((event) => (
            <li key={event.version} class={`timeline-event event-${event.type}`} data-testid="timeline-event" data-type={event.type}>
              <time dateTime={event.at}>{formatDateTime(event.at)}</time>
              <strong class="event-label">{EVENT_LABELS[event.type]}</strong>
              <p class="event-summary">{event.summary}</p>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
