// Benchmark (not a test): how fast the tickets projection rebuilds from 100,000 events, next to a plain
// readAll of the same log measured in the same run. SQLite always; PostgreSQL when BENCH_DATABASE_URL is set.
//   node -r @swc-node/register libs/persistence/src/bench/rebuild.bench.ts
import type { TicketEvent } from '@escalade/domain';
import { EventStore } from '@escalade/event-store';
import { TicketsProjection } from '../tickets/tickets.projection';
import { testDatabases } from '../testing/test-databases';

const TICKETS = 10_000;
const EVENTS_PER_TICKET = 10;

function lifecycle(ticketId: string, i: number): TicketEvent[] {
  const at = new Date(Date.UTC(2026, 10, 1) + i * 60_000).toISOString();
  return [
    {
      type: 'ServiceRequestReceived',
      data: {
        ticketId, title: `Ticket ${i}`, product: 'azure', category: 'technical', severity: 'A', incidentType: 'break-fix',
        language: 'en', customer: { tenantId: 't', domain: 'contoso.com', name: 'Contoso' },
        partner: { tenantId: 'p', name: 'Fabrikam' }, policyVersion: 'bench', receivedAt: at,
      },
    },
    { type: 'EligibilityDecided', data: { decision: 'eligible', reason: 'covered' } },
    { type: 'HandedOff', data: { portal: 'azure-portal', url: 'u', context: 'customer', microsoftTicketId: String(i), filedAt: at } },
    { type: 'ResponseDueTimeSet', data: { severity: 'A', responseDueAt: at } },
    { type: 'SlaBreached', data: { responseDueAt: at } },
    { type: 'Escalated', data: { level: 1, audience: 'coordinators', raisedAt: at } },
    { type: 'Escalated', data: { level: 2, audience: 'duty-manager', raisedAt: at } },
    { type: 'Escalated', data: { level: 3, audience: 'microsoft-account-contact', raisedAt: at } },
    { type: 'MicrosoftResponded', data: { respondedAt: at, late: true } },
    { type: 'ServiceRequestClosed', data: { outcome: 'resolved', targetMet: false, closedAt: at } },
  ];
}

async function main(): Promise<void> {
  if (process.env.BENCH_DATABASE_URL) process.env.TEST_DATABASE_URL = process.env.BENCH_DATABASE_URL;
  else delete process.env.TEST_DATABASE_URL;
  for (const database of testDatabases()) {
    const dataSource = await database.open();
    try {
      const events = new EventStore(dataSource);
      for (let i = 0; i < TICKETS; i++) {
        const streamId = `ticket-B${i}`;
        await events.appendToStream(streamId, lifecycle(`B${i}`, i).map((e, v) => ({ ...e, eventId: `${streamId}:${v + 1}` })));
      }
      const total = TICKETS * EVENTS_PER_TICKET;

      let started = performance.now();
      for (let after = 0, page = await events.readAll({ after, limit: 5_000 }); page.length > 0; ) {
        after = page[page.length - 1].globalPosition;
        page = await events.readAll({ after, limit: 5_000 });
      }
      const readSeconds = (performance.now() - started) / 1000;

      started = performance.now();
      const processed = await new TicketsProjection(dataSource).rebuild(undefined, 5_000);
      const rebuildSeconds = (performance.now() - started) / 1000;
      if (processed !== total) throw new Error(`rebuild read ${processed} of ${total} events`);

      const rate = (seconds: number) => Math.round(total / seconds).toLocaleString('en-US');
      console.log(`\n== ${database.name}: ${total.toLocaleString('en-US')} events, ${TICKETS.toLocaleString('en-US')} tickets`);
      console.log(`readAll only (baseline)   ${rate(readSeconds).padStart(9)} events/s  (${readSeconds.toFixed(2)} s)`);
      console.log(`tickets projection rebuild ${rate(rebuildSeconds).padStart(8)} events/s  (${rebuildSeconds.toFixed(2)} s)`);
      console.log(`rebuild / readAll          ${(readSeconds / rebuildSeconds).toFixed(2)}`);
    } finally {
      await database.close(dataSource);
    }
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
