import { evolveTicketSummary, type TicketSummary } from '@escalade/domain';
import type { ParkedEvent } from '../parked-events/parked-event.entity';
import { projectionDrift, workflowDrift } from './projection-drift';
import { keyOf, opened } from './testing/ticket-events.fixture';
import type { FoldedTicketLog } from './ticket-log';

const PARTNER = '0a1b2c3d-0000-4000-8000-00000000000a';

const summaryOf = (ticketId: string): TicketSummary => {
  const [received, ...rest] = opened(ticketId, 0, 'B', 'Contoso', PARTNER);
  return rest.reduce((row, event, i) => evolveTicketSummary(row, event, i + 2), evolveTicketSummary(undefined, received, 1));
};

const parkedEvent = (streamId: string, position: number, reason: string) =>
  ({ position, streamId, streamVersion: 1, type: 'ServiceRequestReceived', reason, parkedAt: '' }) as ParkedEvent;

const log = (rows: TicketSummary[], refused: FoldedTicketLog['refused'] = new Map()): FoldedTicketLog => ({
  rows: new Map(rows.map((row) => [row.key, row])),
  refused,
});

describe('projectionDrift', () => {
  it('finds none when every row equals the fold of its stream', () => {
    const rows = [summaryOf('T1'), summaryOf('T2')];
    expect(projectionDrift(log(rows), { rows: rows.map((row) => ({ ...row })), parked: [] })).toEqual({ tickets: [], parked: [] });
  });

  it('names missing, unexpected, unfoldable tickets and every differing field', () => {
    const changed = { ...summaryOf('T2'), status: 'closed' as const, escalationLevel: 2 };
    const drift = projectionDrift(log([summaryOf('T1'), summaryOf('T2')], new Map([[keyOf(PARTNER, 'T4'), { position: 9, problem: 'boom' }]])), {
      rows: [changed, summaryOf('T3')],
      parked: [],
    });
    expect(drift.tickets).toEqual([
      { ticketId: keyOf(PARTNER, 'T1'), kind: 'missing' },
      {
        ticketId: keyOf(PARTNER, 'T2'),
        kind: 'different',
        fields: [
          { field: 'status', log: 'awaiting-response', readModel: 'closed' },
          { field: 'escalationLevel', log: 0, readModel: 2 },
        ],
      },
      { ticketId: keyOf(PARTNER, 'T3'), kind: 'unexpected' },
      { ticketId: keyOf(PARTNER, 'T4'), kind: 'unfoldable', position: 9, problem: 'boom' },
    ]);
  });

  it('leaves parked tickets out of the comparison and lists them apart, with their first reason', () => {
    const [p1, t1] = [keyOf(PARTNER, 'P1'), keyOf(PARTNER, 'T1')];
    const drift = projectionDrift(log([summaryOf('T1')], new Map([[p1, { position: 2, problem: 'partner is missing' }]])), {
      rows: [{ ...summaryOf('T1'), status: 'closed' }],
      parked: [parkedEvent(`ticket-${p1}`, 7, 'follows'), parkedEvent(`ticket-${p1}`, 2, 'partner is missing'), parkedEvent(`ticket-${t1}`, 5, 'x')],
    });
    expect(drift).toEqual({
      tickets: [],
      parked: [
        { ticketId: p1, events: 2, firstPosition: 2, reason: 'partner is missing' },
        { ticketId: t1, events: 1, firstPosition: 5, reason: 'x' },
      ],
    });
  });
});

describe('workflowDrift', () => {
  it('names open tickets whose workflow is not running and closed ones whose workflow runs, by key', () => {
    const rows = [
      { key: keyOf(PARTNER, 'open-running'), status: 'awaiting-response' as const },
      { key: keyOf(PARTNER, 'open-gone'), status: 'responded' as const },
      { key: keyOf(PARTNER, 'closed-running'), status: 'closed' as const },
      { key: 'closed-gone', status: 'closed' as const },
    ];
    const asked: string[] = [];
    const running = (key: string) => {
      asked.push(key);
      return key.endsWith('running');
    };

    expect(workflowDrift(rows, running)).toEqual([
      { ticketId: keyOf(PARTNER, 'open-gone'), readModel: 'responded', workflow: 'not running' },
      { ticketId: keyOf(PARTNER, 'closed-running'), readModel: 'closed', workflow: 'running' },
    ]);
    expect(asked).toEqual(rows.map((row) => row.key));
  });
});
