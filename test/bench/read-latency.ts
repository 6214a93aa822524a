// How long a coordinator's reads take with many tickets open: a ticket's page (from its stored events) against the
// workflow query it used to be, and the board's list; each timed one request at a time, so the figure is latency.
import { ticketStateQuery } from '@escalade/workflows';
import type { FaultSystem } from '../faults/fault-system';
import { percentile } from './figures';

export interface Latencies {
  p50: number;
  p99: number;
  count: number;
}

async function timed<T>(items: readonly T[], read: (item: T) => Promise<unknown>): Promise<Latencies> {
  const ms: number[] = [];
  for (const item of items) {
    const startedAt = performance.now();
    await read(item);
    ms.push(performance.now() - startedAt);
  }
  ms.sort((a, b) => a - b);
  return { p50: percentile(ms, 50), p99: percentile(ms, 99), count: ms.length };
}

/** The board's first page, and the waiting severity-A tickets due first (the coordinator's usual filter), `rounds` times each. */
export function listLatency(system: FaultSystem, rounds: number): Promise<Latencies> {
  const pages = ['/service-requests?limit=50', '/service-requests?limit=50&status=awaiting-response&severity=A&dueBefore=2100-01-01T00:00:00Z'];
  return timed(
    Array.from({ length: rounds * pages.length }, (_, i) => pages[i % pages.length]),
    (page) => system.api.http.ok('GET', page),
  );
}

/** `GET /service-requests/:id` for each ticket, then the same tickets' workflow query (decoded as the API would). */
export async function ticketLatency(system: FaultSystem, ids: readonly string[]): Promise<{ page: Latencies; workflowQuery: Latencies }> {
  const workflowIds = new Map<string, string>();
  const page = await timed(ids, async (id) => workflowIds.set(id, (await system.api.ticket(id)).workflowId));
  const workflowQuery = await system.withTicketClient((client) =>
    timed(ids, (id) => client.workflow.getHandle(workflowIds.get(id) as string).query(ticketStateQuery)),
  );
  return { page, workflowQuery };
}

/** `count` ids spread evenly over `ids`. */
export function spread(ids: readonly string[], count: number): string[] {
  const step = Math.max(1, Math.floor(ids.length / count));
  return ids.filter((_, i) => i % step === 0).slice(0, count);
}
