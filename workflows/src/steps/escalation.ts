import { patched, proxyActivities } from '@temporalio/workflow';
import type { ServiceRequestActivities } from '../activities';
import { ONE_ALERT_PATH_PATCH } from '../patches';
import type { TicketRun } from '../ticket/ticket-run';

const { sendEscalationAlert } = proxyActivities<ServiceRequestActivities>({
  startToCloseTimeout: '10 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

// Each mark is recorded and alerted at once: subscribers hear of it while the event is being stored, not after.

/** The warning at its mark (a share of the window before the due time). */
export async function warn(run: TicketRun, warnedAt: Date): Promise<void> {
  const { responseDueAt } = run.ticket.state;
  const recorded = run.ticket.apply({ type: 'BreachWarningRaised', data: { responseDueAt: responseDueAt as string, warnedAt: warnedAt.toISOString() } });
  run.alert('warning', `Ticket ${run.id} (severity ${run.ticket.state.severity}) has had no answer from Microsoft; due by ${responseDueAt}`);
  await recorded;
}

/** The breach instant is the due time itself, so `breachedAt` and `responseDueAt` are the same. */
export async function breach(run: TicketRun, responseDueAt: string): Promise<void> {
  const recorded = run.ticket.apply({ type: 'SlaBreached', data: { responseDueAt } });
  run.alert('breach', `Ticket ${run.id} (severity ${run.ticket.state.severity}) breached its response target: due by ${responseDueAt}`);
  await recorded;
}

/** One level of the ladder, to its audience. */
export async function escalate(run: TicketRun, level: number, audience: string, responseDueAt: string): Promise<void> {
  const raisedAt = new Date().toISOString();
  const recorded = run.ticket.apply({ type: 'Escalated', data: { level, audience, raisedAt } });
  run.alert('escalation', `Ticket ${run.id} escalated to level ${level} (${audience}): no answer from Microsoft by ${responseDueAt}`, {
    level,
    audience,
  });
  await recorded;
  if (patched(ONE_ALERT_PATH_PATCH)) return;
  const { severity, handoff } = run.ticket.state;
  await sendEscalationAlert({
    alertId: `${run.key}:escalation:${level}`,
    ticketId: run.id,
    workflowId: run.workflowId,
    level,
    audience,
    severity,
    product: run.request.product,
    customer: run.request.customer.name,
    microsoftTicketId: handoff?.microsoftTicketId as string,
    responseDueAt,
    breachedAt: responseDueAt,
    raisedAt,
  });
}

/** A breach raised before an in-time answer was known is withdrawn, with its escalations. */
export async function correctBreach(run: TicketRun, respondedAt: string, responseDueAt: string): Promise<void> {
  const recorded = run.ticket.apply({
    type: 'SlaBreachCorrected',
    data: { respondedAt, responseDueAt, correctedAt: new Date().toISOString() },
  });
  run.alert(
    'correction',
    `Ticket ${run.id}: the breach and escalations sent earlier are withdrawn; Microsoft answered at ${respondedAt}, within the target (${responseDueAt})`,
  );
  await recorded;
}
