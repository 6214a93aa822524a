// Benchmark (not a test): how late does a breach alert reach a subscriber when many tickets fall due in the same
// second? A true timer storm: TICKETS severity-A tickets in French, opened through the API before their business
// calendar's next opening (a calendar compressed to open a few minutes from now, 1 minute to answer), so every one of
// them falls due at the same instant; measured from that due time to the signed webhook received by a local receiver.
// Beside it, on the same dev server (SQLite file and pragmas as `npm start` runs it), the same storm of bare Temporal
// workflows: a timer due at one instant, then one activity posting to the same receiver. Compared with the 5-minute
// sweep of Zammad, Znuny and osTicket. Then TICKETS severity changes C → A sent at once, each making its ticket
// overdue: how many are accepted, and how soon after its answer each breach alert arrives.
//   npm run bench:breach-lateness                       (BENCH_TICKETS=100 by default)
//   BENCH_TICKETS=1000 npm run bench:breach-lateness
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DefaultLogger, Runtime, Worker } from '@temporalio/worker';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { TicketListPage } from '@escalade/contract';
import { aServiceRequest } from '@escalade/domain/testing';
import { EscaladeSystem } from '../support/escalade-system';
import { startDevServer } from '../support/temporal-servers';
import { percentile } from './figures';
import { bareBreachActivities } from './storm/bare-breach.activities';
import { bareBreachWorkflow } from './storm/bare-breach.workflow';
import { startStormReceiver, type StormReceiver } from './storm/storm-receiver';
import { temporal } from '@temporalio/proto';
const { resolveBinary, BINARIES } = require('../../tools/temporal-binaries.cjs');

const EVENT_TYPES = Object.fromEntries(Object.entries(temporal.api.enums.v1.EventType).map(([name, value]) => [value, name.replace('EVENT_TYPE_', '')]));

const TICKETS = Number(process.env.BENCH_TICKETS ?? 100);
const OPENING_CONCURRENCY = 20;
const SWEEP_MS = 5 * 60_000;
const SECRET = 'benchmark-secret-0001';
const MINUTE = 60_000;
/** How long after its due time an alert may still arrive before it counts as lost. */
const GRACE_MS = 120_000;

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Storm {
  /** Milliseconds from due time to arrival, sorted. */
  lateness: number[];
  lost: number;
  duplicated: number;
  /** How many distinct due times the storm had (1: all in the same instant). */
  dueTimes: number;
}

/** Waits for one breach alert per ticket (or the grace after the due time), then sums the storm up. */
async function stormOf(receiver: StormReceiver, ticketIds: string[], dueAt: number): Promise<Storm> {
  const expected = new Set(ticketIds);
  const arrived = () => new Set(receiver.arrivals.map((a) => a.ticketId).filter((id) => expected.has(id))).size;
  while (arrived() < expected.size && Date.now() < dueAt + GRACE_MS) await pause(200);
  await pause(2_000); // a duplicate would come soon after the first
  const ours = receiver.arrivals.filter((a) => expected.has(a.ticketId));
  const first = new Map<string, number>();
  for (const a of ours) if (!first.has(a.ticketId)) first.set(a.ticketId, a.arrivedAt - Date.parse(a.responseDueAt));
  return {
    lateness: [...first.values()].sort((a, b) => a - b),
    lost: expected.size - first.size,
    duplicated: ours.length - first.size,
    dueTimes: new Set(ours.map((a) => a.responseDueAt)).size,
  };
}

/** TICKETS bare workflows whose timers all fire at one instant, a few seconds after they have all started. */
async function bareStorm(env: TestWorkflowEnvironment, receiver: StormReceiver): Promise<Storm> {
  const taskQueue = 'bench-bare-breach';
  const worker = await Worker.create({
    connection: env.nativeConnection,
    namespace: env.namespace,
    taskQueue,
    workflowsPath: require.resolve('./storm/bare-breach.workflow'),
    activities: bareBreachActivities(receiver.url),
  });
  const dueAt = Date.now() + 10_000 + TICKETS * 10;
  const ids = Array.from({ length: TICKETS }, (_, i) => `bare-${i}`);
  return worker.runUntil(async () => {
    for (let i = 0; i < ids.length; i += 50) {
      await Promise.all(
        ids.slice(i, i + 50).map((id) =>
          env.client.workflow.start(bareBreachWorkflow, { taskQueue, workflowId: id, args: [id, new Date(dueAt).toISOString()] }),
        ),
      );
    }
    return stormOf(receiver, ids, dueAt);
  });
}

/**
 * A policy whose calendar opens at `opensAt` (a whole minute, UTC, today) and whose severity A target is 1 minute of
 * it: a French ticket filed before then is due at `opensAt` + 1 minute, all of them at once. Severity C gets an hour.
 */
function compressedCalendarPolicy(dir: string, opensAt: Date): string {
  const minute = opensAt.getUTCHours() * 60 + opensAt.getUTCMinutes();
  const range = [[minute, Math.min(1440, minute + 60)]];
  const week = Object.fromEntries(['1', '2', '3', '4', '5', '6', '7'].map((day) => [day, range]));
  const file = path.join(dir, 'storm-policy.json');
  const breakFixMinutes = { A: 1, C: 60 };
  fs.writeFileSync(file, JSON.stringify({ version: 'breach-storm', breakFixMinutes, calendar: { timeZone: 'UTC', week, holidays: [] } }));
  return file;
}

/** The next whole minute at least `leadMs` from now, on today's UTC date (the calendar's range must not cross midnight). */
function nextOpening(leadMs: number): Date {
  const at = new Date(Math.ceil((Date.now() + leadMs) / MINUTE) * MINUTE);
  if (at.getUTCDate() !== new Date().getUTCDate() || at.getUTCHours() === 23) {
    throw new Error('the storm falls due across midnight UTC: run the benchmark again after 00:05 UTC');
  }
  return at;
}

/** TICKETS tickets opened through the API before the calendar opens, all due at the same instant. */
interface EscaladeStorms {
  timers: Storm & { openedIn: number; prepared: number[]; sent: number[] };
  changes: ChangeStorm;
}

async function escaladeStorms(env: TestWorkflowEnvironment, receiver: StormReceiver, dir: string): Promise<EscaladeStorms> {
  const opensAt = nextOpening(20_000 + TICKETS * 100);
  const system = new EscaladeSystem(env, { SLA_POLICY_FILE: compressedCalendarPolicy(dir, opensAt), MICROSOFT_SUPPORT: 'in-process' });
  await system.start();
  try {
    await system.http().post('/alert-subscriptions').send({ url: receiver.url, secret: SECRET, kinds: ['breach'] }).expect(201);
    const ids = Array.from({ length: TICKETS }, (_, i) => `storm-${i}`);
    const opening = Date.now();
    await openTickets(system, ids, aServiceRequest({ severity: 'A', language: 'fr-FR' }));
    const openedIn = Date.now() - opening;
    if (Date.now() >= opensAt.getTime()) throw new Error(`opening ${TICKETS} tickets took ${openedIn} ms: past the calendar's opening`);
    const dueAt = opensAt.getTime() + MINUTE;
    const storm = await stormOf(receiver, ids, dueAt);
    await printSlowestHistory(env, system, receiver, dueAt);
    const timers = { ...storm, openedIn, ...(await whereTheTimeGoes(system, ids, dueAt)) };
    return { timers, changes: await severityChangeStorm(system, receiver) };
  } finally {
    await system.stop();
  }
}

async function openTickets(system: EscaladeSystem, ids: string[], request: object): Promise<void> {
  for (let i = 0; i < ids.length; i += OPENING_CONCURRENCY) {
    await Promise.all(
      ids.slice(i, i + OPENING_CONCURRENCY).map((id) => system.http().post('/service-requests').send({ ...request, requestId: id }).expect(201)),
    );
  }
}

interface ChangeStorm {
  /** How many severity changes got each status. */
  answers: Record<number, number>;
  /** How many changes were sent again after a 503. */
  sentAgain: number;
  /** Milliseconds from each change first sent to its breach alert received, sorted. */
  lateness: number[];
  lost: number;
  duplicated: number;
}

/**
 * TICKETS severity-C tickets in English, all changed to A at once (every request in flight together) once A's 1-minute
 * target has passed for each: every one of them breaches on its change. Counts the answers, and times each breach
 * alert from its change first sent to the webhook received.
 */
async function severityChangeStorm(system: EscaladeSystem, receiver: StormReceiver): Promise<ChangeStorm> {
  const ids = Array.from({ length: TICKETS }, (_, i) => `change-${i}`);
  await openTickets(system, ids, aServiceRequest({ severity: 'C', language: 'en-US' }));
  const filedBy = await allFiled(system, ids.length);
  await pause(filedBy + MINUTE + 1_000 - Date.now()); // A's target, 1 minute from each filing, has passed for all
  const sentAt = new Map<string, number>();
  const answers: Record<number, number> = {};
  let sentAgain = 0;
  // Each change is sent again after a 503 (Temporal slower than the API's wait), as a client following Retry-After
  // would, until it is answered 200 or 202, or 409 because a try answered 503 went through after all.
  await Promise.all(
    ids.map(async (id) => {
      sentAt.set(id, Date.now());
      for (let attempt = 0; ; attempt += 1) {
        const response = await fetch(`${system.url}/service-requests/${id}/severity`, {
          method: 'POST',
          headers: { ...system.authorization(), 'content-type': 'application/json' },
          body: JSON.stringify({ severity: 'A', reason: 'Production down' }),
        });
        await response.arrayBuffer();
        answers[response.status] = (answers[response.status] ?? 0) + 1;
        if (response.status !== 503) return;
        sentAgain += attempt === 0 ? 1 : 0;
        await pause(1_000);
      }
    }),
  );
  const { lost, duplicated } = await stormOf(receiver, ids, Date.now());
  const lateness = receiver.arrivals
    .filter((a) => sentAt.has(a.ticketId))
    .map((a) => a.arrivedAt - (sentAt.get(a.ticketId) as number))
    .sort((a, b) => a - b);
  return { answers, sentAgain, lateness, lost, duplicated };
}

/** Waits until `count` tickets await Microsoft's answer (read from the board's list); returns the latest filing time. */
async function allFiled(system: EscaladeSystem, count: number): Promise<number> {
  for (;;) {
    const filed: number[] = [];
    let cursor: string | null = null;
    do {
      const query = `status=awaiting-response&severity=C&limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
      const { body } = (await system.http().get(`/service-requests?${query}`).expect(200)) as { body: TicketListPage };
      for (const ticket of body.items) filed.push(Date.parse(ticket.responseDueAt ?? '') - 60 * MINUTE);
      cursor = body.nextCursor;
    } while (cursor);
    if (filed.length >= count) return Math.max(...filed);
    await pause(1_000);
  }
}

/**
 * Each breach delivery's own times (GET /alerts): due time → delivery prepared (the timer, the workflow task, Microsoft
 * read once more, the breach recorded), and prepared → delivered (the workflow task that sends it, the signed POST).
 */
async function whereTheTimeGoes(system: EscaladeSystem, ids: string[], dueAt: number): Promise<{ prepared: number[]; sent: number[] }> {
  const prepared: number[] = [];
  const sent: number[] = [];
  for (let i = 0; i < ids.length; i += OPENING_CONCURRENCY) {
    const pages = await Promise.all(ids.slice(i, i + OPENING_CONCURRENCY).map((id) => system.http().get(`/alerts?ticketId=${id}`).expect(200)));
    for (const { body } of pages) {
      for (const delivery of body.items as Array<{ kind: string; createdAt: string; deliveredAt: string | null }>) {
        if (delivery.kind !== 'breach' || !delivery.deliveredAt) continue;
        prepared.push(Date.parse(delivery.createdAt) - dueAt);
        sent.push(Date.parse(delivery.deliveredAt) - Date.parse(delivery.createdAt));
      }
    }
  }
  return { prepared: prepared.sort((a, b) => a - b), sent: sent.sort((a, b) => a - b) };
}

/** The slowest ticket's workflow history from a little before its due time, each event's time from the due time. */
async function printSlowestHistory(env: TestWorkflowEnvironment, system: EscaladeSystem, receiver: StormReceiver, dueAt: number): Promise<void> {
  const slowest = [...receiver.arrivals].sort((a, b) => b.arrivedAt - a.arrivedAt)[0];
  if (!slowest) return;
  const { body } = await system.http().get(`/service-requests/${slowest.ticketId}`).expect(200);
  const history = await env.client.workflow.getHandle(body.workflowId).fetchHistory();
  console.log(`\nthe slowest ticket, ${slowest.ticketId} (alert received ${slowest.arrivedAt - dueAt} ms after its due time): its history from the due time`);
  for (const event of history.events ?? []) {
    const at = Number(event.eventTime?.seconds ?? 0) * 1000 + Math.round((event.eventTime?.nanos ?? 0) / 1e6) - dueAt;
    if (at < -500) continue;
    const type = event.activityTaskScheduledEventAttributes?.activityType?.name ?? event.markerRecordedEventAttributes?.markerName ?? '';
    console.log(`  ${String(at).padStart(7)} ms  ${EVENT_TYPES[Number(event.eventType)] ?? event.eventType} ${type}`);
  }
}

const spread = (sorted: number[]) => `p50 ${percentile(sorted, 50)} ms   p99 ${percentile(sorted, 99)} ms`;

function describe(label: string, storm: Storm): string {
  const { lateness } = storm;
  const figures = `${spread(lateness)}   max ${lateness[lateness.length - 1]} ms`;
  return `  ${label.padEnd(44)} ${figures}   lost ${storm.lost}, duplicated ${storm.duplicated}, due times ${storm.dueTimes}`;
}

async function main(): Promise<void> {
  Runtime.install({ logger: new DefaultLogger('WARN') });
  for (const kind of Object.keys(BINARIES)) {
    const found = resolveBinary(kind, {});
    if (found) process.env[BINARIES[kind].env] = found;
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'escalade-bench-storm-'));
  const receiver = await startStormReceiver(SECRET);
  const bareReceiver = await startStormReceiver();
  const env = await startDevServer({ dbFilename: path.join(dir, 'temporal.sqlite') });
  try {
    const bare = await bareStorm(env, bareReceiver);
    const { timers: escalade, changes } = await escaladeStorms(env, receiver, dir);
    const ratio = percentile(escalade.lateness, 99) / Math.max(1, percentile(bare.lateness, 99));
    console.log(`\nbreach alerts, ${TICKETS} tickets due in the same instant (due time → signed webhook received)`);
    console.log(`(tickets opened through the API in ${(escalade.openedIn / 1000).toFixed(1)} s, before their calendar opened)`);
    console.log(describe('bare Temporal workflow (timer, one POST)', bare));
    console.log(describe("Escalade's breach alert", escalade));
    console.log(`  Escalade p99 / bare p99: ${ratio.toFixed(2)}`);
    console.log(`  where Escalade's time goes: due → delivery prepared ${spread(escalade.prepared)}; prepared → delivered ${spread(escalade.sent)}`);
    console.log(`\n${TICKETS} severity changes C → A sent at once, each making its ticket overdue (change sent → signed breach webhook received)`);
    console.log(`  answers: ${Object.entries(changes.answers).map(([status, n]) => `${n} × ${status}`).join(', ')}; changes sent again after a 503: ${changes.sentAgain}`);
    console.log(`  ${spread(changes.lateness)}   max ${changes.lateness[changes.lateness.length - 1]} ms   lost ${changes.lost}, duplicated ${changes.duplicated}`);
    console.log(`\nrequests whose signature did not verify: ${receiver.unsigned}`);
    const max = escalade.lateness[escalade.lateness.length - 1];
    console.log(`  5-minute sweep (Zammad, Znuny, osTicket): up to ${SWEEP_MS} ms late, ${SWEEP_MS / 2} ms on average`);
    console.log(`  sweep average / our p50: ${Math.round(SWEEP_MS / 2 / Math.max(1, percentile(escalade.lateness, 50)))}x; sweep worst / our max: ${Math.round(SWEEP_MS / Math.max(1, max))}x`);
  } finally {
    await env.teardown();
    await receiver.close();
    await bareReceiver.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
