// Benchmark (not a test): how soon does a new ticket show on the coordinator's board? Starts the dev server,
// the worker and the API (in-process, as the browser tests do), opens the board in headless Chromium, then opens
// BENCH_TICKETS tickets one after another. For each: from sending POST /service-requests to (a) the API's answer,
// (b) its first event arriving on a plain `/events/stream` reader in this process (the baseline: what the server
// can do), (c) its row appearing in the browser's DOM (seen by a MutationObserver, on the same clock).
//   npm run bench:board-latency   (BENCH_TICKETS=50 by default)
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { chromium } from 'playwright-core';
import { aServiceRequest } from '@escalade/domain/testing';
import { SESSION_COOKIE } from '@escalade/api';
import { EscaladeSystem } from '../support/escalade-system';
import { readServerSentEvents } from '../support/server-sent-events';
import { startDevServer } from '../support/temporal-servers';
import { percentile } from './figures';
const { resolveBinary, BINARIES } = require('../../tools/temporal-binaries.cjs');
const { resolveChromium } = require('../../tools/chromium.cjs');
const { buildConsole } = require('../../tools/build-console.cjs');

const TICKETS = Number(process.env.BENCH_TICKETS ?? 50);
const PAUSE_MS = 250; // one ticket at a time, as coordinators see them arrive


function summary(name: string, values: number[]): { name: string; p50: number; p99: number; max: number } {
  const sorted = [...values].sort((a, b) => a - b);
  return { name, p50: percentile(sorted, 50), p99: percentile(sorted, 99), max: sorted[sorted.length - 1] };
}

/** Runs in the page: records when each board row first appears (Date.now(): the same clock as this process). */
const WATCH_ROWS = `
  window.rowsSeenAt = {};
  new MutationObserver(() => {
    for (const row of document.querySelectorAll('[data-testid="ticket-row"]')) {
      const id = row.dataset.ticketId;
      if (id && !(id in window.rowsSeenAt)) window.rowsSeenAt[id] = Date.now();
    }
  }).observe(document.body, { childList: true, subtree: true });
`;

/** Every ticket here is aServiceRequest()'s partner tenant's: its event stream is named by its key, `<partner>~<id>`. */
const streamIdOf = (id: string) => `ticket-${aServiceRequest().partner.tenantId}~${id}`;

async function openTicket(system: EscaladeSystem, id: string): Promise<void> {
  const response = await fetch(`${system.url}/service-requests`, {
    method: 'POST',
    headers: { ...system.authorization(), 'content-type': 'application/json' },
    body: JSON.stringify({ ...aServiceRequest({ severity: 'B' }), requestId: id }),
  });
  if (response.status !== 201) throw new Error(`POST ${id} answered ${response.status}`);
}

async function main(): Promise<void> {
  for (const kind of Object.keys(BINARIES)) {
    const found = resolveBinary(kind, {});
    if (found) process.env[BINARIES[kind].env] = found;
  }
  const consoleDir = fs.mkdtempSync(path.join(os.tmpdir(), 'escalade-bench-console-'));
  await buildConsole({ outDir: consoleDir });
  const env = await startDevServer();
  const system = new EscaladeSystem(env, { MICROSOFT_SUPPORT: 'in-process', CONSOLE_DIR: consoleDir });
  await system.start();
  const browser = await chromium.launch({
    executablePath: resolveChromium({ log: console.log }),
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking'],
  });
  try {
    // Signed in as the local admin: the console's session cookie, as POST /auth/session sets it.
    const context = await browser.newContext();
    await context.addCookies([{ name: SESSION_COOKIE, value: system.adminKey, url: system.url, httpOnly: true, sameSite: 'Strict' }]);
    const page = await context.newPage();
    await page.goto(`${system.url}/`);
    await page.getByTestId('live-status').getByText('Live').waitFor();
    await page.evaluate(WATCH_ROWS);
    // The worker's first workflow task loads the workflow code: one warm-up ticket first, not measured.
    await openTicket(system, 'board-bench-warm-up');
    await page.locator('[data-ticket-id="board-bench-warm-up"]').waitFor({ timeout: 30_000 });

    const streamedAt: Record<string, number> = {};
    let read = 0;
    const stream = readServerSentEvents(
      `${system.url}/events/stream`,
      (events) => {
        for (const { data } of events.slice(read)) streamedAt[(data as { streamId: string }).streamId] ??= Date.now();
        read = events.length;
        // The warm-up ticket's later events may arrive here too: only the measured tickets count.
        return Array.from({ length: TICKETS }, (_, i) => streamIdOf(`board-bench-${i}`)).every((id) => id in streamedAt);
      },
      { timeoutMs: TICKETS * 10_000, headers: system.authorization() },
    );
    await new Promise((resolve) => setTimeout(resolve, 500)); // the reader is connected

    const sentAt: Record<string, number> = {};
    const answeredAt: Record<string, number> = {};
    for (let i = 0; i < TICKETS; i += 1) {
      const id = `board-bench-${i}`;
      sentAt[id] = Date.now();
      await openTicket(system, id);
      answeredAt[id] = Date.now();
      await new Promise((resolve) => setTimeout(resolve, PAUSE_MS));
    }
    await stream;
    await page.waitForFunction(`Object.keys(window.rowsSeenAt).length > ${TICKETS}`, undefined, { timeout: 30_000 });
    const rowsSeenAt = (await page.evaluate('window.rowsSeenAt')) as Record<string, number>;

    const ids = Object.keys(sentAt);
    const rows = [
      summary('API answered (201)', ids.map((id) => answeredAt[id] - sentAt[id])),
      summary('first event on /events/stream (baseline)', ids.map((id) => streamedAt[streamIdOf(id)] - sentAt[id])),
      summary('row on the board in Chromium', ids.map((id) => rowsSeenAt[id] - sentAt[id])),
    ];
    console.log(`\nnew ticket → board, ${TICKETS} tickets opened one at a time (ms from sending the POST)`);
    for (const { name, p50, p99, max } of rows) {
      console.log(`  ${name.padEnd(42)} p50 ${String(p50).padStart(5)}   p99 ${String(p99).padStart(5)}   max ${String(max).padStart(5)}`);
    }
    const [, baseline, board] = rows;
    console.log(`  board / baseline: p50 ${(board.p50 / baseline.p50).toFixed(2)}, p99 ${(board.p99 / baseline.p99).toFixed(2)}`);
  } finally {
    await browser.close();
    await system.stop();
    await env.teardown();
    fs.rmSync(consoleDir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
