import type { Severity, TicketOutcome, TicketStatus } from '@escalade/domain';
import { OUTCOME_LABELS, STATUS_LABELS } from '../format/labels';

export function SeverityBadge({ severity }: { severity: Severity }) {
  return (
    <span class={`badge severity severity-${severity}`} title={`Severity ${severity}`}>
      {severity}
    </span>
  );
}

export function StatusBadge({ status }: { status: TicketStatus }) {
  return <span class={`badge status status-${status}`}>{STATUS_LABELS[status]}</span>;
}

export function OutcomeBadge({ outcome }: { outcome: TicketOutcome }) {
  return <span class={`badge outcome outcome-${outcome}`}>{OUTCOME_LABELS[outcome]}</span>;
}

export function BreachedBadge() {
  return <span class="badge breached">Breached</span>;
}

/** Our Partner Center credentials fail: the ticket waits to be filed and files by itself once they work. */
export function FilingBlockedBadge({ reason, since }: { reason: string; since: string }) {
  return (
    <span class="badge filing-blocked" title={`Since ${since}: ${reason}`}>
      Filing blocked
    </span>
  );
}

/** The ticket's stream refused its events: its timeline stops there, while the ticket itself goes on. */
export function NotRecordingBadge({ reason }: { reason: string }) {
  return (
    <span class="badge not-recording" title={reason}>
      Timeline stopped
    </span>
  );
}

/** A breach raised before Microsoft's in-time answer was known, since withdrawn. */
export function BreachWithdrawnBadge({ at }: { at: string }) {
  return (
    <span class="badge breach-withdrawn" title={`Withdrawn at ${at}: Microsoft had answered within the target`}>
      Breach withdrawn
    </span>
  );
}
