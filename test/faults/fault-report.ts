import type { PhaseResult } from './fault-phase';
import { answeredLate, TICKET_CHECKS } from './ticket-checks';
import type { TicketObservation } from './ticket-observation';
import { seconds } from './timing';

export interface Mismatch {
  check: string;
  ticketId: string;
  problem: string;
}

const SHOWN_PER_CHECK = 5;

/** Every check on every ticket of every phase. */
export function findMismatches(observations: readonly TicketObservation[]): Mismatch[] {
  return TICKET_CHECKS.flatMap((check) =>
    observations.flatMap((observation) =>
      check.problems(observation).map((problem) => ({ check: check.name, ticketId: observation.plan.id, problem })),
    ),
  );
}

function table(rows: Array<Array<string | number>>): string {
  const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => String(row[column]).length)));
  return rows.map((row) => row.map((cell, column) => String(cell).padEnd(widths[column])).join('  ').trimEnd()).join('\n');
}

function restarts(durations: number[]): string {
  if (durations.length === 0) return '-';
  return `${durations.length}× avg ${seconds(durations.reduce((a, b) => a + b, 0) / durations.length)}, max ${seconds(Math.max(...durations))}`;
}

function racesTable(observations: readonly TicketObservation[], mismatches: readonly Mismatch[]): string[] {
  const races = observations.filter((o) => o.plan.group.startsWith('race'));
  if (races.length === 0) return [];
  const responded = (o: TicketObservation) => o.timeline.find((event) => event.type === 'MicrosoftResponded')?.data as { late?: boolean } | undefined;
  const rows = table([
    ['race', 'late', 'breached', 'targetMet', 'outcome', 'result'],
    ...races
      .sort((a, b) => a.plan.group.localeCompare(b.plan.group))
      .map((o) => [
        o.plan.group,
        String(responded(o)?.late ?? '-'),
        String(o.state.breached),
        String(o.state.targetMet),
        o.state.outcome ?? o.state.status,
        mismatches.some((m) => m.ticketId === o.plan.id) ? 'MISMATCH' : 'ok',
      ]),
  ]);
  return ['', rows];
}

/** How Microsoft's answers fell, by its own clock, and how many breaches were withdrawn once an answer was known. */
function answers(observations: readonly TicketObservation[]): string {
  const verdicts = observations.map(answeredLate);
  const count = (value: boolean | undefined) => verdicts.filter((verdict) => verdict === value).length;
  const withdrawn = observations.filter((o) => o.timeline.some((event) => event.type === 'SlaBreachCorrected')).length;
  return `Microsoft's answers (its clock): ${count(false)} in time, ${count(true)} late, ${count(undefined)} not answered; ${withdrawn} breach(es) withdrawn`;
}

/**
 * From Microsoft's answer to the run seeing it on the ticket, outages included (races: polled every 250 ms; the load:
 * every second or so).
 */
function answerLatency(observations: readonly TicketObservation[]): string {
  const latencies = observations
    .flatMap(({ plan, microsoftAnsweredAt }) => (microsoftAnsweredAt && plan.answerSeenAt ? [plan.answerSeenAt - Date.parse(microsoftAnsweredAt)] : []))
    .sort((a, b) => a - b);
  if (latencies.length === 0) return 'no answer seen on a ticket';
  const median = latencies[Math.floor(latencies.length / 2)];
  return `Microsoft's answer → seen on the ticket: median ${seconds(median)}, max ${seconds(latencies[latencies.length - 1])} (${latencies.length} tickets)`;
}

/** Prints the per-phase and per-check summary and the mismatches; returns how many problems there were in all. */
export function printReport(phases: readonly PhaseResult[]): number {
  const observations = phases.flatMap((phase) => phase.observations);
  const mismatches = findMismatches(observations);
  const problems = phases.flatMap((phase) => phase.problems.map((problem) => `${phase.name}: ${problem}`));
  const lines = [
    '',
    '== fault injection ==',
    table([
      ['phase', 'tickets', 'worker kills', 'temporal kills', 'webhooks (repeated)', 'wall'],
      ...phases.map((p) => [p.name, p.observations.length, p.kills.worker, p.kills.temporal, `${p.webhook.received} (${p.webhook.repeated})`, seconds(p.wallMs)]),
    ]),
    `restarts until serving again: worker ${restarts(phases.flatMap((p) => p.restartMs.worker))}; ` +
      `temporal ${restarts(phases.flatMap((p) => p.restartMs.temporal))}`,
    ...phases.flatMap((p) => p.drains.map((drain) => `${p.name}: ${drain}`)),
    answers(observations),
    answerLatency(observations),
    '',
    table([
      ['check', 'tickets', 'mismatches'],
      ...TICKET_CHECKS.map((check) => [check.name, observations.length, mismatches.filter((m) => m.check === check.name).length]),
    ]),
    ...racesTable(observations, mismatches),
  ];
  if (mismatches.length > 0) {
    lines.push('', `mismatches (at most ${SHOWN_PER_CHECK} per check):`);
    for (const check of TICKET_CHECKS) {
      const shown = mismatches.filter((m) => m.check === check.name).slice(0, SHOWN_PER_CHECK);
      lines.push(...shown.map((m) => `  [${m.check}] ${m.ticketId}: ${m.problem}`));
    }
  }
  if (problems.length > 0) lines.push('', 'problems:', ...problems.map((problem) => `  ${problem}`));
  const total = mismatches.length + problems.length;
  lines.push('', total === 0 ? 'RESULT: ok' : `RESULT: FAILED (${mismatches.length} mismatch(es), ${problems.length} problem(s))`);
  console.log(lines.join('\n'));
  return total;
}
