// Event store benchmark (not a test):
//   node -r @swc-node/register libs/event-store/src/bench/append.bench.ts
// Runs on a temporary SQLite file, and on PostgreSQL too when BENCH_DATABASE_URL is set (in a schema of its own,
// dropped afterwards). Each figure for the store is set against plain SQL on a scratch table with the same
// columns and constraints, measured in the same run:
// - single-event appends to 2,000 distinct streams: latency p50/p99 vs a single-row INSERT (autocommit);
// - appends of 50-event batches: events per second vs 50 single-row INSERTs in one transaction;
// - a projection rebuild: readAll over 100,000 events in pages of 5,000 vs the same SELECT without mapping;
// - a ticket timeline: readStream of a 200-event stream, 500 times, p50/p99 vs the same SELECT.
import { performance } from 'node:perf_hooks';
import type BetterSqlite3 from 'better-sqlite3';
import type { DataSource } from 'typeorm';
import { EventStore } from '../event-store';
import { eventsTable } from '../migrations/1764000000001-create-events';
import {
  closeEventStoreDatabase,
  openPostgresEventStoreDatabase,
  openSqliteEventStoreDatabase,
} from '../testing/event-store-test-databases';
import type { NewEvent } from '../types';

const SINGLE_APPENDS = 2_000;
const BATCHES = 200;
const BATCH_SIZE = 50;
const REBUILD_EVENTS = 100_000;
const REBUILD_PAGE = 5_000;
const TIMELINE_EVENTS = 200;
const TIMELINE_READS = 500;
const WARM_UP = 100;

const RAW_TABLE = 'bench_raw_events';
const INSERT_RAW = `INSERT INTO ${RAW_TABLE} (stream_id, stream_version, event_id, type, data, metadata, recorded_at)
  VALUES (:streamId, :streamVersion, :eventId, :type, :data, :metadata, :recordedAt)`;
const COLUMNS = 'global_position, stream_id, stream_version, event_id, type, data, metadata, recorded_at';

interface Row {
  metric: string;
  ours: number;
  raw?: number;
  unit: 'ms' | '/s' | 'events/s';
}

/** A ticket-sized event (about 400 bytes of JSON). */
function ticketEvent(id: string, n: number): NewEvent {
  return {
    eventId: id,
    type: 'MicrosoftResponded',
    data: {
      ticketId: `t-${n}`,
      respondedAt: '2026-11-24T12:00:00.000Z',
      late: n % 3 === 0,
      note: 'Engineer assigned; collecting logs from the tenant. '.repeat(4),
      respondedBy: 'support-engineer@microsoft.example',
    },
    metadata: { workflowId: `service-request-t-${n}`, runId: '8f7c3f0e-2a52-4c36-9a8e-1d3b6f1f9e21' },
  };
}

function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

async function time(action: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await action();
  return performance.now() - start;
}

async function bench(name: string, dataSource: DataSource): Promise<void> {
  const started = performance.now();
  const store = new EventStore(dataSource);
  const driver = dataSource.driver;
  const runner = dataSource.createQueryRunner();
  await runner.createTable(eventsTable(dataSource.options.type, RAW_TABLE));
  await runner.release();
  const rawInsert = (streamId: string, streamVersion: number, event: NewEvent) => {
    const [sql, parameters] = driver.escapeQueryWithParameters(
      INSERT_RAW,
      {
        streamId,
        streamVersion,
        eventId: event.eventId,
        type: event.type,
        data: JSON.stringify(event.data),
        metadata: JSON.stringify(event.metadata ?? {}),
        recordedAt: new Date().toISOString(),
      },
      {},
    );
    return { sql, parameters };
  };
  const rows: Row[] = [];
  const notes: string[] = [];

  // Warm-up: connections, statement caches, JIT.
  for (let i = 0; i < WARM_UP; i++) {
    await store.appendToStream(`warm-${i}`, [ticketEvent(`warm-${i}`, i)], { expectedStreamVersion: 'no-stream' });
    const { sql, parameters } = rawInsert(`warm-${i}`, 1, ticketEvent(`warm-${i}`, i));
    await dataSource.query(sql, parameters);
  }

  // Single-event appends to distinct streams, and the same number of single-row INSERTs.
  const ours: number[] = [];
  const raw: number[] = [];
  for (let i = 0; i < SINGLE_APPENDS; i++) {
    const event = ticketEvent(`single-${i}`, i);
    ours.push(await time(() => store.appendToStream(`ticket-single-${i}`, [event], { expectedStreamVersion: 'no-stream' })));
    const { sql, parameters } = rawInsert(`ticket-single-${i}`, 1, event);
    raw.push(await time(() => dataSource.query(sql, parameters)));
  }
  const sum = (samples: number[]) => samples.reduce((a, b) => a + b, 0);
  rows.push({ metric: 'single append p50', ours: percentile(ours, 50), raw: percentile(raw, 50), unit: 'ms' });
  rows.push({ metric: 'single append p99', ours: percentile(ours, 99), raw: percentile(raw, 99), unit: 'ms' });
  rows.push({ metric: 'single appends', ours: (1000 * SINGLE_APPENDS) / sum(ours), raw: (1000 * SINGLE_APPENDS) / sum(raw), unit: '/s' });
  if (dataSource.options.type === 'better-sqlite3') {
    // The floor on SQLite: a prepared statement on the driver's connection, without TypeORM.
    const connection = (driver as unknown as { databaseConnection: BetterSqlite3.Database }).databaseConnection;
    const first = rawInsert('x', 1, ticketEvent('x', 0));
    const prepared = connection.prepare(first.sql);
    const direct: number[] = [];
    for (let i = 0; i < SINGLE_APPENDS; i++) {
      const { parameters } = rawInsert(`ticket-direct-${i}`, 1, ticketEvent(`direct-${i}`, i));
      const start = performance.now();
      prepared.run(...parameters);
      direct.push(performance.now() - start);
    }
    notes.push(
      `floor: single-row INSERT as a prepared better-sqlite3 statement, no TypeORM: p50 ${percentile(direct, 50).toFixed(3)} ms, p99 ${percentile(direct, 99).toFixed(3)} ms`,
    );
  }

  // Batches of 50 events, each batch to its own stream.
  const batchOurs = await time(async () => {
    for (let b = 0; b < BATCHES; b++) {
      const batch = Array.from({ length: BATCH_SIZE }, (_, i) => ticketEvent(`batch-${b}-${i}`, i));
      await store.appendToStream(`ticket-batch-${b}`, batch, { expectedStreamVersion: 'no-stream' });
    }
  });
  const batchRaw = await time(async () => {
    for (let b = 0; b < BATCHES; b++) {
      await dataSource.transaction(async (manager) => {
        for (let i = 0; i < BATCH_SIZE; i++) {
          const { sql, parameters } = rawInsert(`ticket-batch-${b}`, i + 1, ticketEvent(`batch-${b}-${i}`, i));
          await manager.query(sql, parameters);
        }
      });
    }
  });
  const batchEvents = BATCHES * BATCH_SIZE;
  rows.push({ metric: `batched appends (${BATCH_SIZE}/batch)`, ours: (1000 * batchEvents) / batchOurs, raw: (1000 * batchEvents) / batchRaw, unit: 'events/s' });

  // A log of 100,000 events (plus the ones above) for the rebuild read; the scratch table gets the same rows.
  const setUp = performance.now();
  let stored = WARM_UP + SINGLE_APPENDS + batchEvents;
  for (let s = 0; stored < REBUILD_EVENTS; s++) {
    const batch = Array.from({ length: 1_000 }, (_, i) => ticketEvent(`fill-${s}-${i}`, i));
    await store.appendToStream(`ticket-fill-${s}`, batch);
    stored += batch.length;
  }
  const headers = `(stream_id, stream_version, event_id, type, data, metadata, recorded_at)`;
  await dataSource.query(
    `INSERT INTO ${RAW_TABLE} ${headers} SELECT stream_id, stream_version, event_id || '-copy', type, data, metadata, recorded_at FROM events WHERE stream_id LIKE 'ticket-fill-%'`,
  );
  const setUpSeconds = (performance.now() - setUp) / 1000;

  let read = 0;
  const rebuildOurs = await time(async () => {
    for (let after = 0, page = await store.readAll({ after, limit: REBUILD_PAGE }); page.length > 0; page = await store.readAll({ after, limit: REBUILD_PAGE })) {
      read += page.length;
      after = page[page.length - 1].globalPosition;
    }
  });
  let readRaw = 0;
  const rebuildRaw = await time(async () => {
    for (let after = 0; ; ) {
      const [sql, parameters] = driver.escapeQueryWithParameters(
        `SELECT ${COLUMNS} FROM ${RAW_TABLE} WHERE global_position > :after ORDER BY global_position LIMIT :limit`,
        { after, limit: REBUILD_PAGE },
        {},
      );
      const page: Array<{ global_position: string | number }> = await dataSource.query(sql, parameters);
      if (page.length === 0) break;
      readRaw += page.length;
      after = Number(page[page.length - 1].global_position);
    }
  });
  rows.push({ metric: `rebuild readAll (${REBUILD_PAGE}/page, ${read} events)`, ours: (1000 * read) / rebuildOurs, raw: (1000 * readRaw) / rebuildRaw, unit: 'events/s' });

  // A ticket timeline: one stream of 200 events, read whole 500 times.
  for (let b = 0; b < TIMELINE_EVENTS / BATCH_SIZE; b++) {
    const batch = Array.from({ length: BATCH_SIZE }, (_, i) => ticketEvent(`timeline-${b}-${i}`, i));
    await store.appendToStream('ticket-timeline', batch);
    await dataSource.transaction(async (manager) => {
      for (let i = 0; i < BATCH_SIZE; i++) {
        const { sql, parameters } = rawInsert('ticket-timeline', b * BATCH_SIZE + i + 1, batch[i]);
        await manager.query(sql, parameters);
      }
    });
  }
  const timelineOurs: number[] = [];
  const timelineRaw: number[] = [];
  const [timelineSql, timelineParameters] = driver.escapeQueryWithParameters(
    `SELECT ${COLUMNS} FROM ${RAW_TABLE} WHERE stream_id = :streamId AND stream_version >= :from ORDER BY stream_version`,
    { streamId: 'ticket-timeline', from: 1 },
    {},
  );
  for (let i = 0; i < TIMELINE_READS; i++) {
    timelineOurs.push(await time(async () => {
      if ((await store.readStream('ticket-timeline')).length !== TIMELINE_EVENTS) throw new Error('timeline is incomplete');
    }));
    timelineRaw.push(await time(() => dataSource.query(timelineSql, timelineParameters)));
  }
  rows.push({ metric: `timeline readStream p50 (${TIMELINE_EVENTS} events)`, ours: percentile(timelineOurs, 50), raw: percentile(timelineRaw, 50), unit: 'ms' });
  rows.push({ metric: `timeline readStream p99 (${TIMELINE_EVENTS} events)`, ours: percentile(timelineOurs, 99), raw: percentile(timelineRaw, 99), unit: 'ms' });

  print(name, rows);
  for (const note of notes) console.log(`  ${note}`);
  console.log(`  (log set-up ${setUpSeconds.toFixed(1)} s; whole run ${((performance.now() - started) / 1000).toFixed(1)} s)\n`);
}

function print(name: string, rows: Row[]): void {
  const format = (value: number | undefined, unit: string) =>
    value === undefined ? '' : unit === 'ms' ? value.toFixed(3) : Math.round(value).toLocaleString('en-US');
  const table = rows.map((row) => [
    row.metric,
    row.unit,
    format(row.ours, row.unit),
    format(row.raw, row.unit),
    row.raw === undefined ? '' : (row.ours / row.raw).toFixed(2),
  ]);
  const header = ['metric', 'unit', 'ours', 'raw', 'ours/raw'];
  const widths = header.map((h, c) => Math.max(h.length, ...table.map((r) => r[c].length)));
  const line = (cells: string[]) => cells.map((cell, c) => (c < 2 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  ');
  console.log(`\n== ${name}`);
  console.log(line(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const row of table) console.log(line(row));
  console.log('  ours/raw: for ms, above 1 means slower than raw; for rates, below 1 means slower than raw');
}

async function main(): Promise<void> {
  const sqlite = await openSqliteEventStoreDatabase();
  try {
    const [{ version }] = await sqlite.query('SELECT sqlite_version() AS version');
    // better-sqlite3 is built with SQLITE_DEFAULT_WAL_SYNCHRONOUS=1: in WAL mode a commit does not wait for fsync.
    const [{ synchronous }] = await sqlite.query('PRAGMA synchronous');
    await bench(`SQLite ${version} (better-sqlite3, WAL, synchronous=${synchronous}, temp file)`, sqlite);
  } finally {
    await closeEventStoreDatabase(sqlite);
  }
  const url = process.env.BENCH_DATABASE_URL;
  if (!url) {
    console.log('PostgreSQL skipped: set BENCH_DATABASE_URL to include it.');
    return;
  }
  const postgres = await openPostgresEventStoreDatabase(url, 'escalade_events_bench');
  try {
    const [{ version }] = await postgres.query("SELECT current_setting('server_version') AS version");
    const [{ commit }] = await postgres.query("SELECT current_setting('synchronous_commit') AS commit");
    await bench(`PostgreSQL ${version} (synchronous_commit=${commit}, own schema)`, postgres);
  } finally {
    await closeEventStoreDatabase(postgres);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
