// Benchmark (not a test): how many tickets per second does Escalade run through their whole lifecycle, against what
// Temporal does with a bare workflow of the same shape (8 activities, 1 timer, 2 updates: bench/throughput/) on the same
// dev server, started as `npm start` starts it (a SQLite file, its pragmas)? In one process, as the end-to-end tests:
// the dev server, Escalade's worker and API (Microsoft in-process), and a worker for the bare workflow. Each side runs
// TICKETS tickets, CONCURRENCY at a time: Escalade's through the API (POST, record Microsoft's answer, close), the bare
// ones as a Temporal client (start, answer update, close update). Then POST /service-requests paced at 10/s, and the bare
// workflow again on a dev server without the SQLite pragmas.
//   npm run bench:throughput   (BENCH_TICKETS=200, BENCH_CONCURRENCY=20, BENCH_PACED_POSTS=100 by default)
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { WorkflowUpdateFailedError } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { DefaultLogger, Runtime, Worker } from '@temporalio/worker';
import { aServiceRequest } from '@escalade/domain/testing';
import { EscaladeSystem } from '../support/escalade-system';
import { startDevServer } from '../support/temporal-servers';
import { bareTicketActivities } from './throughput/bare-ticket.activities';
import { bareTicketWorkflow, closeUpdate, respondUpdate } from './throughput/bare-ticket.workflow';
import { percentile } from './figures';
const { resolveBinary, BINARIES } = require('../../tools/temporal-binaries.cjs');

const TICKETS = Number(process.env.BENCH_TICKETS ?? 200);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 20);
const PACED_POSTS = Number(process.env.BENCH_PACED_POSTS ?? 100);
const PACE_MS = 100; // 10 requests/s
const RETRY_MS = 100; // a client retrying Microsoft's answer while the ticket is not yet filed
const BARE_QUEUE = 'bench-bare-ticket';


const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Runs `one(0..count-1)`, `concurrency` at a time; returns how many per second. */
async function perSecond(count: number, concurrency: number, one: (i: number) => Promise<void>): Promise<number> {
  let next = 0;
  const started = Date.now();
  await Promise.all(
    Array.from({ length: Math.min(concurrency, count) }, async () => {
      while (next < count) await one(next++);
    }),
  );
  return count / ((Date.now() - started) / 1000);
}

/** `attempt` again every RETRY_MS while it answers false (refused: too soon). */
async function untilAccepted(attempt: () => Promise<boolean>): Promise<void> {
  while (!(await attempt())) await pause(RETRY_MS);
}

/** Bare tickets per second on `env`'s server, after one warm-up ticket (the worker's first task loads the bundle). */
async function bareRate(env: TestWorkflowEnvironment, label: string): Promise<number> {
  const worker = await Worker.create({
    connection: env.nativeConnection,
    namespace: env.namespace,
    taskQueue: BARE_QUEUE,
    workflowsPath: require.resolve('./throughput/bare-ticket.workflow'),
    activities: bareTicketActivities,
  });
  const ticket = async (id: string) => {
    const handle = await env.client.workflow.start(bareTicketWorkflow, { taskQueue: BARE_QUEUE, workflowId: `${label}-${id}` });
    await untilAccepted(() =>
      handle.executeUpdate(respondUpdate).then(
        () => true,
        (err: unknown) => {
          if (err instanceof WorkflowUpdateFailedError) return false;
          throw err;
        },
      ),
    );
    await handle.executeUpdate(closeUpdate);
    await handle.result();
  };
  return worker.runUntil(async () => {
    await ticket('warm-up');
    return perSecond(TICKETS, CONCURRENCY, (i) => ticket(String(i)));
  });
}

interface Answer {
  status: number;
  message: string;
}

/** How many requests answered 503 (Temporal slower than the API's 5 s wait) and were sent again. */
let unavailable = 0;

/**
 * POSTs `body` until `outcome` says done, pausing RETRY_MS between tries: a 503 is sent again, as a client following
 * Retry-After would; `outcome` says `again` for an answer that is too soon, and throws on one that is wrong.
 */
async function command(system: EscaladeSystem, route: string, body: object, outcome: (answer: Answer) => 'done' | 'again'): Promise<void> {
  for (;;) {
    const response = await fetch(`${system.url}${route}`, {
      method: 'POST',
      headers: { ...system.authorization(), 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    const answer = { status: response.status, message: String(((await response.json()) as { message?: unknown }).message ?? '') };
    if (answer.status === 503) unavailable += 1;
    else if (outcome(answer) === 'done') return;
    await pause(RETRY_MS);
  }
}

function unexpected(route: string, { status, message }: Answer): never {
  throw new Error(`POST ${route} answered ${status}: ${message}`);
}

/** Opens ticket `id`: 201, or 200 when a retry finds it opened by the try that answered 503. */
function open(system: EscaladeSystem, id: string): Promise<void> {
  const route = '/service-requests';
  return command(system, route, { ...aServiceRequest(), requestId: id }, (answer) => ([200, 201].includes(answer.status) ? 'done' : unexpected(route, answer)));
}

/**
 * One ticket's whole lifecycle through the API: opened; Microsoft's answer, sent again while the ticket is not yet filed
 * (409); closed. A 409 saying it is already done follows a try that answered 503 but went through.
 */
async function escaladeTicket(system: EscaladeSystem, id: string): Promise<void> {
  await open(system, id);
  const answerRoute = `/service-requests/${id}/microsoft-response`;
  await command(system, answerRoute, { note: 'Engineer assigned' }, (answer) => {
    if (answer.status === 202 || (answer.status === 409 && answer.message.includes('already recorded'))) return 'done';
    return answer.status === 409 ? 'again' : unexpected(answerRoute, answer);
  });
  const closeRoute = `/service-requests/${id}/close`;
  await command(system, closeRoute, { resolution: 'Service restored' }, (answer) => {
    if ([200, 202].includes(answer.status) || (answer.status === 409 && answer.message.includes('already closed'))) return 'done';
    return unexpected(closeRoute, answer);
  });
}

/** POST /service-requests latencies (ms, sorted), one sent every PACE_MS whether or not the previous has answered. */
async function pacedPosts(system: EscaladeSystem): Promise<number[]> {
  const latencies = await Promise.all(
    Array.from({ length: PACED_POSTS }, async (_, i) => {
      await pause(i * PACE_MS);
      const sent = Date.now();
      await open(system, `paced-${i}`);
      return Date.now() - sent;
    }),
  );
  return latencies.sort((a, b) => a - b);
}

/** A dev server as `npm start` runs one, on a SQLite file of its own, with our pragmas or without them. */
async function devServer(dir: string, sqlitePragmas: boolean): Promise<TestWorkflowEnvironment> {
  return startDevServer({ dbFilename: path.join(dir, `temporal-${sqlitePragmas ? 'pragmas' : 'defaults'}.sqlite`), sqlitePragmas });
}

/** On one server: the bare workflow's rate, Escalade's, and POST latencies at 10/s (sorted). */
async function sideBySide(env: TestWorkflowEnvironment): Promise<{ bare: number; escalade: number; posts: number[] }> {
  const system = new EscaladeSystem(env, { MICROSOFT_SUPPORT: 'in-process' });
  await system.start();
  try {
    const bare = await bareRate(env, 'bare');
    await escaladeTicket(system, 'warm-up');
    const escalade = await perSecond(TICKETS, CONCURRENCY, (i) => escaladeTicket(system, `throughput-${i}`));
    return { bare, escalade, posts: await pacedPosts(system) };
  } finally {
    await system.stop();
  }
}

/** Runs `measure` on a fresh dev server (see devServer), then stops the server. */
async function onDevServer<T>(dir: string, sqlitePragmas: boolean, measure: (env: TestWorkflowEnvironment) => Promise<T>): Promise<T> {
  const env = await devServer(dir, sqlitePragmas);
  try {
    return await measure(env);
  } finally {
    await env.teardown();
  }
}

async function main(): Promise<void> {
  Runtime.install({ logger: new DefaultLogger('WARN') }); // before the first server, whose start would make an INFO one
  for (const kind of Object.keys(BINARIES)) {
    const found = resolveBinary(kind, {});
    if (found) process.env[BINARIES[kind].env] = found;
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'escalade-bench-throughput-'));
  try {
    const { bare, escalade, posts } = await onDevServer(dir, true, sideBySide);
    const withoutPragmas = await onDevServer(dir, false, (env) => bareRate(env, 'bare-defaults'));
    console.log(`\nthroughput, ${TICKETS} tickets, ${CONCURRENCY} in flight, on the dev server as npm start runs it (SQLite file, WAL, synchronous=normal)`);
    console.log(`  bare Temporal workflow (8 activities, 1 timer, 2 updates)   ${bare.toFixed(1)} workflows/s`);
    console.log(`  Escalade's lifecycle through the API (POST, answer, close)  ${escalade.toFixed(1)} tickets/s`);
    console.log(`  Escalade / bare: ${(escalade / bare).toFixed(2)}`);
    console.log(`POST /service-requests at ${1000 / PACE_MS}/s, ${PACED_POSTS} requests: p50 ${percentile(posts, 50)} ms   p99 ${percentile(posts, 99)} ms   max ${posts[posts.length - 1]} ms`);
    console.log(`requests that answered 503 and were sent again: ${unavailable}`);
    console.log(`bare workflow on a dev server without the pragmas: ${withoutPragmas.toFixed(1)}/s (with them / without: ${(bare / withoutPragmas).toFixed(2)})`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
