// Benchmark (not a test): how late does a breach alert reach a subscriber? Starts the dev server, the worker
// and the API (in-process, as the end-to-end tests do), opens TICKETS severity-A tickets whose 2-hour target
// is compressed to a few seconds, and measures, for each, the time from its due time to the signed webhook
// arriving at a local receiver. Compared with the 5-minute sweep that Zammad, Znuny and osTicket run.
//   npm run bench:breach-lateness   (BENCH_TICKETS=200 by default)
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { aServiceRequest } from '@escalade/domain/testing';
import { EscaladeSystem } from '../support/escalade-system';
import { startDevServer } from '../support/temporal-servers';
const { resolveBinary, BINARIES } = require('../../tools/temporal-binaries.cjs');

const TICKETS = Number(process.env.BENCH_TICKETS ?? 200);
const TIME_SCALE = 0.0015; // severity A: 2 h → 10.8 s, long enough to open every ticket first
const SWEEP_SECONDS = 300;

interface Arrival {
  ticketId: string;
  responseDueAt: string;
  arrivedAt: number;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

async function startReceiver(arrivals: Arrival[]) {
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      const arrivedAt = Date.now();
      const { ticketId, responseDueAt } = JSON.parse(body);
      arrivals.push({ ticketId, responseDueAt, arrivedAt });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/breach`, close: () => server.close() };
}

async function main(): Promise<void> {
  for (const kind of Object.keys(BINARIES)) {
    const found = resolveBinary(kind, {});
    if (found) process.env[BINARIES[kind].env] = found;
  }
  const arrivals: Arrival[] = [];
  const receiver = await startReceiver(arrivals);
  const env = await startDevServer();
  const system = new EscaladeSystem(env, { SLA_TIME_SCALE: String(TIME_SCALE), MICROSOFT_SUPPORT: 'in-process' });
  await system.start();
  const http = () => system.http();
  try {
    await http()
      .post('/alert-subscriptions')
      .send({ url: receiver.url, secret: 'benchmark-secret-0001', kinds: ['breach'] })
      .expect(201);
    const opening = Date.now();
    for (let i = 0; i < TICKETS; i += 20) {
      await Promise.all(
        Array.from({ length: Math.min(20, TICKETS - i) }, (_, j) =>
          http().post('/service-requests').send({ ...aServiceRequest({ severity: 'A' }), requestId: `bench-${i + j}` }).expect(201),
        ),
      );
    }
    console.log(`opened ${TICKETS} tickets in ${((Date.now() - opening) / 1000).toFixed(1)} s; waiting for their breaches…`);
    const until = Date.now() + 180_000;
    while (arrivals.length < TICKETS && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 200));
    if (arrivals.length < TICKETS) throw new Error(`only ${arrivals.length} of ${TICKETS} breach alerts arrived`);

    const lateness = arrivals.map((a) => a.arrivedAt - Date.parse(a.responseDueAt)).sort((a, b) => a - b);
    const [p50, p99, max] = [percentile(lateness, 50), percentile(lateness, 99), lateness[lateness.length - 1]];
    console.log(`\nbreach alert lateness, ${TICKETS} tickets (due time → signed webhook received)`);
    console.log(`  p50 ${p50} ms   p99 ${p99} ms   max ${max} ms   (min ${lateness[0]} ms)`);
    console.log(`  5-minute sweep (Zammad, Znuny, osTicket): up to ${SWEEP_SECONDS * 1000} ms late, ${SWEEP_SECONDS * 500} ms on average`);
    console.log(`  sweep average / our p50: ${Math.round((SWEEP_SECONDS * 500) / Math.max(1, p50))}x; sweep worst / our max: ${Math.round((SWEEP_SECONDS * 1000) / Math.max(1, max))}x`);
  } finally {
    await system.stop();
    await env.teardown();
    receiver.close();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
