import { isDeepStrictEqual } from 'node:util';
import type { TimelineEntry } from './escalade-api';
import { ANSWER_WITHIN_MS } from './fault-settings';
import type { TicketObservation } from './ticket-observation';
import { seconds } from './timing';

/** One property every ticket must have after the run, whatever crashed around it. */
export interface TicketCheck {
  name: string;
  /** What is wrong with the ticket; empty when it holds. */
  problems(observation: TicketObservation): string[];
}

/** Each alert kind and the event it announces: one alert per event, never two. */
const ALERT_EVENTS: Record<string, string> = {
  warning: 'BreachWarningRaised',
  breach: 'SlaBreached',
  escalation: 'Escalated',
  correction: 'SlaBreachCorrected',
  response: 'MicrosoftResponded',
  closure: 'ServiceRequestClosed',
};

/** Events a ticket records at most once: its first steps, and all that a one-off alert announces (escalations have levels). */
const ONCE_AT_MOST = [
  ...['ServiceRequestReceived', 'EligibilityDecided', 'HandedOff', 'ResponseDueTimeSet'],
  ...Object.entries(ALERT_EVENTS).flatMap(([kind, type]) => (kind === 'escalation' ? [] : [type])),
];

const ofType = (timeline: TimelineEntry[], type: string) => timeline.filter((event) => event.type === type);

/** Whether Microsoft's answer came after the due time, by Microsoft's clock; undefined without both times. */
export function answeredLate({ state, microsoftAnsweredAt }: TicketObservation): boolean | undefined {
  if (!microsoftAnsweredAt || !state.responseDueAt) return undefined;
  return Date.parse(microsoftAnsweredAt) > Date.parse(state.responseDueAt);
}

function repeated(values: unknown[]): string[] {
  const keys = values.map((value) => JSON.stringify(value));
  return [...new Set(keys.filter((key, index) => keys.indexOf(key) !== index))];
}

function filedOnce({ plan, state, filings }: TicketObservation): string[] {
  const filedAs = state.handoff?.microsoftTicketId;
  if (!filedAs && plan.ending === 'cancelled' && filings.length === 0) return []; // cancelled before it was filed
  if (filings.length !== 1) return [`filed ${filings.length} times at Microsoft (${filings.map((f) => f.id).join(', ')})`];
  if (filings[0].id !== filedAs) return [`Microsoft has ${filings[0].id}, the ticket records ${filedAs ?? 'no filing'}`];
  return [];
}

function timelineIntact({ timeline }: TicketObservation): string[] {
  const problems: string[] = [];
  const gap = timeline.findIndex((event, index) => event.version !== index + 1);
  if (gap >= 0) problems.push(`versions not 1..${timeline.length}: position ${gap + 1} holds version ${timeline[gap].version}`);
  if (timeline[0]?.type !== 'ServiceRequestReceived') problems.push(`starts with ${timeline[0]?.type ?? 'nothing'}, not ServiceRequestReceived`);
  if (ofType(timeline, 'ServiceRequestClosed').length !== 1) problems.push(`${ofType(timeline, 'ServiceRequestClosed').length} ServiceRequestClosed`);
  for (const type of ONCE_AT_MOST) {
    const count = ofType(timeline, type).length;
    if (count > 1) problems.push(`${count} ${type}`);
  }
  const twice = [
    ...repeated(ofType(timeline, 'Escalated').map((event) => event.data)),
    ...repeated(ofType(timeline, 'MicrosoftNoteAdded').map((event) => event.data)),
    ...repeated(ofType(timeline, 'AlertDelivered').map((event) => event.data)),
    ...repeated(ofType(timeline, 'AlertDeliveryAbandoned').map((event) => event.data)),
  ];
  return [...problems, ...twice.map((data) => `recorded twice: ${data}`)];
}

function oneAlertPerEvent({ deliveries, timeline }: TicketObservation): string[] {
  const problems = repeated(deliveries.map((delivery) => delivery.alertKey)).map((key) => `alert ${key} twice`);
  for (const [kind, eventType] of Object.entries(ALERT_EVENTS)) {
    const alerts = deliveries.filter((delivery) => delivery.kind === kind).length;
    const events = ofType(timeline, eventType).length;
    if (alerts !== events) problems.push(`${alerts} ${kind} alert(s) for ${events} ${eventType}`);
  }
  return problems;
}

/** Late or not is decided by Microsoft's own answer time against the due time, whenever the workflow heard of it. */
function slaVerdict(observation: TicketObservation): string[] {
  const { plan, state, timeline, microsoftAnsweredAt } = observation;
  if (plan.ending === 'cancelled') return [];
  const late = answeredLate(observation);
  if (late === undefined) return [`Microsoft never answered (due ${state.responseDueAt ?? 'unset'})`];
  const expected = `Microsoft answered at ${microsoftAnsweredAt}, due ${state.responseDueAt}: late ${late}`;
  const problems: string[] = [];
  if (state.respondedAt !== microsoftAnsweredAt) problems.push(`respondedAt ${state.respondedAt}`);
  const recorded = ofType(timeline, 'MicrosoftResponded')[0]?.data as { late?: boolean } | undefined;
  if (recorded?.late !== late) problems.push(`MicrosoftResponded late ${recorded?.late}`);
  if (state.breached !== late) problems.push(`breached ${state.breached}`);
  if (state.targetMet !== !late) problems.push(`targetMet ${state.targetMet} once closed`);
  if (!plan.atAnswer) problems.push('the answer never showed on the ticket before it was closed');
  else if (plan.atAnswer.targetMet !== !late) problems.push(`targetMet ${plan.atAnswer.targetMet} once answered`);
  return problems.length ? [`${expected}; got ${problems.join(', ')}`] : [];
}

/** A late answer is a breach, once; an answer in time is none, or one withdrawn (event and alert) once the answer is known. */
function breachRecord(observation: TicketObservation): string[] {
  const { timeline, deliveries } = observation;
  const late = answeredLate(observation);
  if (late === undefined) return [];
  const breaches = ofType(timeline, 'SlaBreached');
  const corrections = ofType(timeline, 'SlaBreachCorrected');
  const alerted = (kind: string) => deliveries.filter((delivery) => delivery.kind === kind).length;
  if (late) {
    return breaches.length === 1 && corrections.length === 0 && alerted('breach') === 1
      ? []
      : [`late answer: ${breaches.length} SlaBreached, ${corrections.length} SlaBreachCorrected, ${alerted('breach')} breach alert(s)`];
  }
  const raised = breaches.length + alerted('breach') + alerted('escalation');
  if (raised === 0) return [];
  const withdrawn = corrections.length === 1 && breaches.length === 1 && corrections[0].version > breaches[0].version;
  return withdrawn && alerted('correction') === 1
    ? []
    : [
        `answer in time: ${breaches.length} SlaBreached, ${alerted('breach')} breach and ${alerted('escalation')} ` +
          `escalation alert(s), but ${corrections.length} SlaBreachCorrected and ${alerted('correction')} correction alert(s)`,
      ];
}

/** Microsoft's answer reaches the ticket within seconds, but for the time a crashed process took to come back. */
function answerSeenPromptly({ plan, microsoftAnsweredAt, outages }: TicketObservation): string[] {
  if (!microsoftAnsweredAt || !plan.answerSeenAt) return []; // never seen: the SLA verdict says so
  const [from, to] = [Date.parse(microsoftAnsweredAt), plan.answerSeenAt];
  const down = outages.reduce((sum, [start, end]) => sum + Math.max(0, Math.min(end, to) - Math.max(start, from)), 0);
  const upMs = to - from - down;
  return upMs > ANSWER_WITHIN_MS
    ? [`answered at ${microsoftAnsweredAt}, on the ticket ${seconds(to - from)} later: ${seconds(upMs)} of it with every process up`]
    : [];
}

function readModelMatches({ workflowState: state, row }: TicketObservation): string[] {
  if (!row) return ['not in GET /service-requests'];
  const pairs: Array<[string, unknown, unknown]> = [
    ['status', row.status, state.status],
    ['breached', row.breached, state.breached],
    ['escalationLevel', row.escalationLevel, state.escalationLevel],
    ['outcome', row.outcome, state.outcome ?? null],
    ['responseDueAt', row.responseDueAt, state.responseDueAt ?? null],
    ['microsoftTicketId', row.microsoftTicketId, state.handoff?.microsoftTicketId ?? null],
  ];
  return pairs.filter(([, listed, actual]) => listed !== actual).map(([field, listed, actual]) => `${field}: listed ${listed}, workflow ${actual}`);
}

/** The page, folded from the stored events, is what the workflow holds: field by field. */
function pageMatches({ state, workflowState }: TicketObservation): string[] {
  const { links: _links, ...shown } = state;
  const page: Record<string, unknown> = shown;
  const held = JSON.parse(JSON.stringify(workflowState)) as Record<string, unknown>;
  const fields = [...new Set([...Object.keys(page), ...Object.keys(held)])].sort();
  return fields
    .filter((field) => !isDeepStrictEqual(page[field], held[field]))
    .map((field) => `${field}: page ${JSON.stringify(page[field])}, workflow ${JSON.stringify(held[field])}`);
}

function endedAsPlanned(observation: TicketObservation): string[] {
  const { plan, state, timeline, microsoftAnsweredAt } = observation;
  const problems: string[] = [];
  const closed = ofType(timeline, 'ServiceRequestClosed')[0]?.data as { outcome?: string } | undefined;
  if (state.status !== 'closed' || state.outcome !== plan.ending) problems.push(`${state.status} ${state.outcome ?? ''}, planned ${plan.ending}`);
  if (closed?.outcome !== plan.ending) problems.push(`ServiceRequestClosed outcome ${closed?.outcome}`);
  // A race only shows something if its answer came on the planned side of the due time.
  const late = answeredLate(observation);
  if (plan.plannedLate !== undefined && late !== undefined && late !== plan.plannedLate) {
    problems.push(`staged wrong: answered at ${microsoftAnsweredAt}, due ${state.responseDueAt}`);
  }
  return problems;
}

export const TICKET_CHECKS: readonly TicketCheck[] = [
  { name: 'filed once at Microsoft', problems: filedOnce },
  { name: 'timeline: versions 1..n, no duplicate event', problems: timelineIntact },
  { name: 'alerts: one per event, none twice', problems: oneAlertPerEvent },
  { name: "late/breached/targetMet from Microsoft's time", problems: slaVerdict },
  { name: 'breach once iff late, else withdrawn', problems: breachRecord },
  { name: `answer on the ticket within ${ANSWER_WITHIN_MS / 1000} s of uptime`, problems: answerSeenPromptly },
  { name: 'read model equals workflow state', problems: readModelMatches },
  { name: 'page (stored events) equals workflow', problems: pageMatches },
  { name: 'ended as planned', problems: endedAsPlanned },
];
