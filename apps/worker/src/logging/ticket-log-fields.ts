import { asyncLocalStorage } from '@temporalio/activity';
import { serviceRequestWorkflowId } from '@escalade/workflows';

const WORKFLOW_ID_PREFIX = serviceRequestWorkflowId('');

export interface TicketLogFields {
  workflowId: string;
  runId?: string;
  /** `<partner tenant>~<ticket id>`: a ticket among all partners' (two partners may both open INC-1). */
  ticketKey?: string;
  ticketId?: string;
}

/** A workflow's ids, and the ticket's when it is a ticket's workflow (`service-request-<key>`). */
export function ticketLogFields(workflowId: string, runId?: string): TicketLogFields {
  if (!workflowId.startsWith(WORKFLOW_ID_PREFIX)) return { workflowId, runId };
  const ticketKey = workflowId.slice(WORKFLOW_ID_PREFIX.length);
  // A ticket opened before ids were per partner has its id for key.
  const ticketId = ticketKey.slice(ticketKey.indexOf('~') + 1);
  return { workflowId, runId, ticketKey, ticketId };
}

/**
 * The ids of the workflow whose activity is running where a line is logged, from Temporal's activity context: what our
 * activities and the libraries they call log says which ticket it was for.
 */
export function activityLogFields(): Partial<TicketLogFields> & { activityType?: string } {
  const info = asyncLocalStorage.getStore()?.info;
  const execution = info?.workflowExecution;
  if (!execution) return {};
  return { ...ticketLogFields(execution.workflowId, execution.runId), activityType: info.activityType };
}
