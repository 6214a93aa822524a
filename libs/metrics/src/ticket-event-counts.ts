import type { TicketEvent } from '@escalade/domain';
import { breachWarnings, escalations, slaBreaches } from './series';

/**
 * Counts the SLA's events (breaches, warnings, escalations) of a batch the event store has just stored. Counted where
 * they are appended, not where they are projected: the store takes a batch once (a retried append stores nothing and
 * is not counted), whichever worker runs the activity, while every projector folds it (and again after a rebuild).
 */
export function countStoredTicketEvents(events: readonly TicketEvent[]): void {
  for (const event of events) {
    if (event.type === 'SlaBreached') slaBreaches.inc();
    else if (event.type === 'BreachWarningRaised') breachWarnings.inc();
    else if (event.type === 'Escalated') escalations.inc({ level: String(event.data.level) });
  }
}
