// Benchmark (not a test): what do tickets waiting for Microsoft's first answer cost one worker? Starts the dev
// server, the simulator (which never answers on its own here) and the API as child processes, hosts the worker in
// this process (to read the SDK worker's activity slots), and measures RSS and activity slots in use with 0 tickets
// waiting, then with every ticket filed and waiting; times a ticket's page against its workflow query and the board's
// list against the same list with no ticket; then answers each through the simulator and closes it.
//   npm run bench:waiting-tickets [-- <tickets>]   (BENCH_TICKETS, default 10000; WORKER_MAX_CACHED_WORKFLOWS applies)
import * as fs from 'node:fs';
import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import type { TicketStatus } from '@escalade/domain';
import { loadWorkerModule, TemporalWorkerService } from '@escalade/worker';
import { FaultSystem } from '../faults/fault-system';
import { inBatches } from '../faults/ticket-steps';
import { seconds, sleep } from '../faults/timing';
import { listLatency, spread, ticketLatency, type Latencies } from './read-latency';

const TICKETS = Number(process.argv[2] ?? process.env.BENCH_TICKETS ?? 10_000);
const IN_FLIGHT = 50;
/** A stage whose count has not moved for this long has stalled: the bench stops and says so. */
const STALL_MS = 60_000;
const PROGRESS_EVERY_MS = 20_000;
const CUSTOMER_TENANT = '11111111-1111-1111-1111-111111111111';
const MB = 1024 * 1024;
/** Tickets whose page and workflow query are timed; rounds of the board's two list pages. */
const PAGES_READ = 500;
const LIST_ROUNDS = 100;

interface Sample {
  rssMb: number;
  heapMb: number;
  activitiesInFlight: number;
  cachedWorkflows: number;
}

/** The worker this process hosts, as the apps' own module builds it. */
async function startWorker(system: FaultSystem): Promise<{ context: INestApplicationContext; service: TemporalWorkerService; running: Promise<void> }> {
  Object.assign(process.env, system.env); // the modules validate the environment when they load
  Runtime.install({ logger: new DefaultLogger('WARN') });
  const WorkerModule = await loadWorkerModule();
  const context = await NestFactory.createApplicationContext(WorkerModule, { logger: ['error', 'warn'] });
  const service = context.get(TemporalWorkerService);
  const running = service.run();
  await system.awaitWorkerPolling(process.pid);
  return { context, service, running };
}

/** Medians (RSS, heap) and maxima (slots, cache) over a few seconds of samples, after a full GC when exposed. */
async function measure(worker: TemporalWorkerService): Promise<Sample> {
  global.gc?.();
  const samples: Sample[] = [];
  for (let i = 0; i < 10; i += 1) {
    const { rss, heapUsed } = process.memoryUsage();
    const status = worker.status();
    if (!status) throw new Error('the worker is not running');
    samples.push({ rssMb: rss / MB, heapMb: heapUsed / MB, activitiesInFlight: status.numInFlightActivities, cachedWorkflows: status.numCachedWorkflows });
    await sleep(500);
  }
  const median = (values: number[]) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)];
  return {
    rssMb: median(samples.map((s) => s.rssMb)),
    heapMb: median(samples.map((s) => s.heapMb)),
    activitiesInFlight: Math.max(...samples.map((s) => s.activitiesInFlight)),
    cachedWorkflows: Math.max(...samples.map((s) => s.cachedWorkflows)),
  };
}

/**
 * Waits until `count` tickets have the status (Temporal's visibility of the `EscaladeStatus` search attribute, a cheap
 * count beside the load), printing progress, or until the count stops moving (`stalled`).
 */
async function awaitStatus(system: FaultSystem, status: TicketStatus, count: number): Promise<{ reached: number; ms: number; stalled: boolean }> {
  const startedAt = Date.now();
  let reached = 0;
  let movedAt = Date.now();
  let printedAt = Date.now();
  while (reached < count && Date.now() - movedAt < STALL_MS) {
    await sleep(1_000);
    const now = await system.countWorkflows(`EscaladeStatus = '${status}'`);
    if (now > reached) movedAt = Date.now();
    reached = now;
    if (Date.now() - printedAt >= PROGRESS_EVERY_MS) {
      console.log(`  ${seconds(Date.now() - startedAt)}: ${reached} of ${count} ${status}`);
      printedAt = Date.now();
    }
  }
  return { reached, ms: Date.now() - startedAt, stalled: reached < count };
}

function rate(count: number, ms: number): string {
  return `${count} in ${seconds(ms)} (${Math.round(count / (ms / 1000))}/s)`;
}

function report(idle: Sample, waiting: Sample, waitingCount: number): void {
  const ratio = (a: number, b: number) => (a > 0 ? (b / a).toFixed(2) : `+${b}`);
  const rows: Array<[string, number, number]> = [
    ['worker process RSS (MB, median)', idle.rssMb, waiting.rssMb],
    ['JS heap used (MB, median)', idle.heapMb, waiting.heapMb],
    ['activity slots in use (max)', idle.activitiesInFlight, waiting.activitiesInFlight],
    ['workflows in the worker cache (max)', idle.cachedWorkflows, waiting.cachedWorkflows],
  ];
  console.log(`\n${'one worker, simulator mode'.padEnd(38)}${'0 waiting'.padStart(12)}${`${waitingCount} waiting`.padStart(16)}${'ratio'.padStart(10)}`);
  for (const [name, a, b] of rows) {
    console.log(`${name.padEnd(38)}${a.toFixed(0).padStart(12)}${b.toFixed(0).padStart(16)}${ratio(a, b).padStart(10)}`);
  }
  console.log(`per open ticket (${TICKETS}): ${(((waiting.rssMb - idle.rssMb) * 1024) / TICKETS).toFixed(1)} KB of RSS`);
}

function reads(emptyList: Latencies, list: Latencies, page: Latencies, workflowQuery: Latencies, waitingCount: number): void {
  const row = (name: string, base: Latencies, measured: Latencies) =>
    `${name.padEnd(46)}${`${base.p50.toFixed(1)} / ${base.p99.toFixed(1)}`.padStart(16)}${`${measured.p50.toFixed(1)} / ${measured.p99.toFixed(1)}`.padStart(16)}${(measured.p99 / base.p99).toFixed(2).padStart(8)}`;
  console.log(`\n${'reads, ms p50 / p99 (one at a time)'.padEnd(46)}${'baseline'.padStart(16)}${'measured'.padStart(16)}${'ratio'.padStart(8)}`);
  console.log(row(`board list: 0 tickets → ${waitingCount} waiting`, emptyList, list));
  console.log(row(`a ticket: workflow query → its page (${page.count})`, workflowQuery, page));
}

async function main(): Promise<void> {
  const benchStart = Date.now();
  // SLA_TIME_SCALE 1 (A: 2 hours): nothing breaches; the simulator's own answers would come after days.
  const system = await FaultSystem.start({
    label: 'bench-waiting',
    slaTimeScale: 1,
    simulator: { SIMULATOR_TIME_SCALE: '1000' },
    workerAsChild: false,
  });
  let worker: Awaited<ReturnType<typeof startWorker>> | undefined;
  try {
    worker = await startWorker(system);
    const sdk = worker.service;
    await sleep(3_000);
    const idle = await measure(sdk);
    const emptyList = await listLatency(system, LIST_ROUNDS);

    const ids = Array.from({ length: TICKETS }, (_, i) => `wait-${String(i + 1).padStart(5, '0')}`);
    const openedAt = Date.now();
    await inBatches(ids, IN_FLIGHT, (id) => system.api.open(id, 'A', CUSTOMER_TENANT));
    const openMs = Date.now() - openedAt;
    const filed = await awaitStatus(system, 'awaiting-response', TICKETS);
    console.log(`opened ${rate(TICKETS, openMs)}; ${filed.reached} filed and waiting ${seconds(openMs + filed.ms)} after the first POST`);
    await sleep(3_000);
    report(idle, await measure(sdk), filed.reached);
    if (filed.stalled) throw new Error(`stalled: ${filed.reached} of ${TICKETS} tickets filed, none more for ${seconds(STALL_MS)}`);
    const { page, workflowQuery } = await ticketLatency(system, spread(ids, PAGES_READ));
    reads(emptyList, await listLatency(system, LIST_ROUNDS), page, workflowQuery, filed.reached);

    const microsoftIds = new Map<string, string>();
    await inBatches(ids, IN_FLIGHT, async (id) => {
      const { handoff } = await system.api.ticket(id);
      if (!handoff) throw new Error(`${id} is not filed`);
      microsoftIds.set(id, handoff.microsoftTicketId);
    });
    const answeredAt = Date.now();
    await inBatches([...microsoftIds.values()], IN_FLIGHT, (microsoftTicketId) => system.simulator.answerNow(microsoftTicketId));
    const responded = await awaitStatus(system, 'responded', TICKETS);
    if (responded.stalled) throw new Error(`stalled: ${responded.reached} of ${TICKETS} answers recorded`);
    const respondedMs = Date.now() - answeredAt;
    const closedAt = Date.now();
    await inBatches(ids, IN_FLIGHT, (id) => system.api.close(id));
    const closeMs = Date.now() - closedAt;
    console.log(`answered at Microsoft → responded: ${rate(TICKETS, respondedMs)}; closed ${rate(TICKETS, closeMs)}`);
    console.log(`wall time ${seconds(Date.now() - benchStart)}`);
  } finally {
    worker?.service.shutdown();
    await worker?.running;
    await worker?.context.close();
    await system.stop();
    fs.rmSync(system.config.DATA_DIR, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
