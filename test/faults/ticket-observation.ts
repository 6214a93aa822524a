import type { Severity, TicketOutcome, TicketState } from '@escalade/domain';
import type { AlertDeliveryView, TicketRow, TicketView, TimelineEntry } from './escalade-api';
import type { FaultSystem } from './fault-system';
import { microsoftAnswerAt, type ServiceRequestResource } from './simulator-client';

/** A ticket the run opens, and what the run expects of it. */
export interface TicketPlan {
  id: string;
  /** The race or load it belongs to, as the summary names it. */
  group: string;
  severity: Severity;
  /** Its own customer tenant: Microsoft's list for that customer is the ticket's filings. */
  customerTenantId: string;
  ending: Extract<TicketOutcome, 'resolved' | 'cancelled'>;
  /** Races: the side of the due time the run answers on; absent when the simulator answers on its own schedule. */
  plannedLate?: boolean;
  /** The ticket as the API showed it once Microsoft's answer was recorded, before it was closed. */
  atAnswer?: TicketView;
  /** When the run first saw it so (epoch milliseconds). */
  answerSeenAt?: number;
}

/** Everything the checks look at for one ticket, read once the run is over. */
export interface TicketObservation {
  plan: TicketPlan;
  /** Its page, `GET /service-requests/:id` (from its stored events). */
  state: TicketView;
  /** What its workflow holds (its query), which the page and the row must agree with. */
  workflowState: TicketState;
  timeline: TimelineEntry[];
  deliveries: AlertDeliveryView[];
  filings: ServiceRequestResource[];
  /** Its row in the `tickets` read model. */
  row?: TicketRow;
  /** Microsoft's own time for its first answer (the simulator's note). */
  microsoftAnsweredAt?: string;
  /** When a process of the system was down (see FaultSystem.outages). */
  outages: ReadonlyArray<readonly [number, number]>;
}

export async function observeTicket(system: FaultSystem, plan: TicketPlan, rows: Map<string, TicketRow>): Promise<TicketObservation> {
  const [state, timeline, deliveries, filings] = await Promise.all([
    system.api.ticket(plan.id),
    system.api.timeline(plan.id),
    system.api.deliveries(plan.id),
    system.simulator.filings(plan.customerTenantId),
  ]);
  const filed = filings.find((filing) => filing.id === state.handoff?.microsoftTicketId) ?? filings[0];
  return {
    plan,
    state,
    workflowState: await system.workflowState(state.workflowId),
    timeline,
    deliveries,
    filings,
    row: rows.get(plan.id),
    microsoftAnsweredAt: filed && microsoftAnswerAt(filed),
    outages: system.outages,
  };
}
