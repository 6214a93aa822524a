import { CancellationScope, patched, proxyActivities } from '@temporalio/workflow';
import type { MicrosoftAnswer, ServiceRequestActivities } from '../activities';
import { ONE_ALERT_PATH_PATCH } from '../patches';
import type { TicketRun } from '../ticket/ticket-run';

const { sendEscalationAlert } = proxyActivities<ServiceRequestActivities>({
  startToCloseTimeout: '10 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

// Like `sendAlert`: a receiver gets 10 s to answer, Microsoft 3 s to be read.
const { alertBreachUnlessAnswered } = proxyActivities<ServiceRequestActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

// Each mark is recorded and alerted at once (`TicketRun.raise`): by the activity that stores it, or beside its append on
// tickets from before FEWER_ROUND_TRIPS_PATCH.

/** The warning at its mark (a share of the window before the due time). */
export async function warn(run: TicketRun, warnedAt: Date): Promise<void> {
  const responseDueAt = run.ticket.state.responseDueAt as string;
  await run.raise(
    [{ type: 'BreachWarningRaised', data: { responseDueAt, warnedAt: warnedAt.toISOString() } }],
    'warning',
    () => `Ticket ${run.id} (severity ${run.ticket.state.severity}) has had no answer from Microsoft; due by ${responseDueAt}`,
    'beside',
  );
}

/** The breach instant is the due time itself, so `breachedAt` and `responseDueAt` are the same. */
export async function breach(run: TicketRun, responseDueAt: string): Promise<void> {
  await run.raise([{ type: 'SlaBreached', data: { responseDueAt } }], 'breach', () => breachSummary(run, responseDueAt), 'beside');
}

/**
 * At the due time, for tickets since FEWER_ROUND_TRIPS_PATCH: one activity reads Microsoft and, unless it has answered,
 * sends the breach alert, recorded after it. Returns Microsoft's answer when there is one (no breach alerted then).
 */
export async function breachUnlessAnswered(run: TicketRun, microsoftTicketId: string, responseDueAt: string): Promise<MicrosoftAnswer | undefined> {
  const alert = run.alertOf('breach', breachSummary(run, responseDueAt));
  // Run to its end: an alert sent is recorded even when the ticket is cancelled meanwhile.
  const reading = await CancellationScope.nonCancellable(() => alertBreachUnlessAnswered({ microsoftTicketId, alert }));
  if ('answer' in reading) return reading.answer;
  await run.recordSent([{ type: 'SlaBreached', data: { responseDueAt } }], alert, reading.sent);
  return undefined;
}

function breachSummary(run: TicketRun, responseDueAt: string): string {
  return `Ticket ${run.id} (severity ${run.ticket.state.severity}) breached its response target: due by ${responseDueAt}`;
}

/** One level of the ladder, to its audience. */
export async function escalate(run: TicketRun, level: number, audience: string, responseDueAt: string): Promise<void> {
  const raisedAt = new Date().toISOString();
  await run.raise(
    [{ type: 'Escalated', data: { level, audience, raisedAt } }],
    'escalation',
    () => `Ticket ${run.id} escalated to level ${level} (${audience}): no answer from Microsoft by ${responseDueAt}`,
    'beside',
    { level, audience },
  );
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
  await run.raise(
    [{ type: 'SlaBreachCorrected', data: { respondedAt, responseDueAt, correctedAt: new Date().toISOString() } }],
    'correction',
    () => `Ticket ${run.id}: the breach and escalations sent earlier are withdrawn; Microsoft answered at ${respondedAt}, within the target (${responseDueAt})`,
    'beside',
  );
}
