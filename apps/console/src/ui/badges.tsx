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
