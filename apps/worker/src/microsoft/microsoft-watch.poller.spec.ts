import { Logger } from '@nestjs/common';
import { WorkflowNotFoundError } from '@temporalio/client';
import type { DataSource } from 'typeorm';
import { InProcessMicrosoftSupport, type MicrosoftNote, type MicrosoftTicket } from '@escalade/microsoft-support';
import { MicrosoftWatchStore } from '@escalade/persistence';
import { testDatabases } from '@escalade/persistence/testing';
import type { MicrosoftTicketUpdate } from '@escalade/workflows';
import { MicrosoftWatchPoller } from './microsoft-watch.poller';

/** Partner Center's list of the partner's tickets, as a test sets it; `failure` makes the list call fail. */
class ListedMicrosoft extends InProcessMicrosoftSupport {
  tickets: MicrosoftTicket[] = [];
  failure?: Error;
  listCalls = 0;
  /** While set, a list call waits for it. */
  gate?: Promise<void>;

  override async listTickets(): Promise<MicrosoftTicket[]> {
    this.listCalls += 1;
    await this.gate;
    if (this.failure) throw this.failure;
    return structuredClone(this.tickets);
  }
}

const note = (text: string, createdByName = 'Microsoft Support Engineer'): MicrosoftNote => ({
  text,
  createdByName,
  createdDate: '2026-11-24T10:30:00Z',
});
const ticket = (n: number, status: string, notes: MicrosoftNote[] = []): MicrosoftTicket => ({
  microsoftTicketId: `MS-${n}`,
  progress: { status, notes },
});
const watch = (n: number) => ({ ticketId: `INC-${n}`, workflowId: `service-request-INC-${n}`, microsoftTicketId: `MS-${n}` });

describe('MicrosoftWatchPoller', () => {
  const database = testDatabases()[0];
  let dataSource: DataSource;
  let watches: MicrosoftWatchStore;
  let microsoft: ListedMicrosoft;
  let signals: Array<[workflowId: string, update: MicrosoftTicketUpdate]>;
  let signalFailures: Map<string, Error>;
  const logger = new Logger('poller-spec');
  const warn = jest.spyOn(logger, 'warn').mockImplementation(() => undefined);
  jest.spyOn(logger, 'log').mockImplementation(() => undefined);

  const poller = (intervalMs = 1_000) =>
    new MicrosoftWatchPoller({
      microsoftSupport: microsoft,
      watches,
      intervalMs,
      logger,
      signal: async (workflowId, update) => {
        const failure = signalFailures.get(workflowId);
        if (failure) throw failure;
        signals.push([workflowId, update]);
      },
    });

  beforeAll(async () => {
    dataSource = await database.open();
    watches = new MicrosoftWatchStore(dataSource);
  });
  afterAll(() => database.close(dataSource));
  beforeEach(() => {
    microsoft = new ListedMicrosoft();
    signals = [];
    signalFailures = new Map();
    warn.mockClear();
  });
  afterEach(() => dataSource.query('DELETE FROM microsoft_watches'));

  it("signals the workflows whose ticket changed, with the notes after the mark, then moves the mark", async () => {
    for (const n of [1, 2, 3, 4]) await watches.follow(watch(n));
    const { text, createdDate: answeredAt, createdByName: answeredBy } = note('Looking into it.');
    const answer = { kind: 'responded' as const, answeredAt, note: text, answeredBy };
    microsoft.tickets = [
      { ...ticket(1, 'open', [note('Looking into it.')]), answer },
      ticket(2, 'open'),
      ticket(3, 'attention_needed'),
      ticket(5, 'closed'),
    ];

    expect(await poller().pollOnce()).toEqual({ listed: 4, watched: 4, changed: 2, signalled: 2, dropped: 0, failed: 0 });
    expect(signals).toEqual([
      ['service-request-INC-1', { status: 'open', fromNoteCount: 0, newNotes: [note('Looking into it.')], answer }],
      ['service-request-INC-3', { status: 'attention_needed', fromNoteCount: 0, newNotes: [] }],
    ]);
    expect((await watches.all()).map(({ ticketId, status, noteCount }) => [ticketId, status, noteCount])).toEqual([
      ['INC-1', 'open', 1],
      ['INC-2', 'open', 0],
      ['INC-3', 'attention_needed', 0],
      ['INC-4', 'open', 0],
    ]);

    microsoft.tickets[0].progress.notes.push(note('Still there?', 'Ada Support'));
    signals = [];
    await poller().pollOnce();
    expect(signals).toEqual([
      ['service-request-INC-1', { status: 'open', fromNoteCount: 1, newNotes: [note('Still there?', 'Ada Support')], answer }],
    ]);
  });

  it('signals nothing when nothing changed since the mark', async () => {
    await watches.follow(watch(1));
    microsoft.tickets = [ticket(1, 'open', [note('Hello')])];
    await poller().pollOnce();
    signals = [];

    expect(await poller().pollOnce()).toEqual({ listed: 1, watched: 1, changed: 0, signalled: 0, dropped: 0, failed: 0 });
    expect(signals).toEqual([]);
  });

  it('sends the same update again on the next cycle when a signal fails', async () => {
    await watches.follow(watch(1));
    await watches.follow(watch(2));
    microsoft.tickets = [ticket(1, 'open', [note('Hello')]), ticket(2, 'closed')];
    signalFailures.set('service-request-INC-1', new Error('deadline exceeded'));

    expect(await poller().pollOnce()).toMatchObject({ changed: 2, signalled: 1, failed: 1 });
    expect(signals.map(([workflowId]) => workflowId)).toEqual(['service-request-INC-2']);
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('service-request-INC-1'));

    signalFailures.clear();
    signals = [];
    expect(await poller().pollOnce()).toMatchObject({ changed: 1, signalled: 1, failed: 0 });
    expect(signals).toEqual([['service-request-INC-1', { status: 'open', fromNoteCount: 0, newNotes: [note('Hello')] }]]);
  });

  it('stops following a ticket whose workflow is gone', async () => {
    await watches.follow(watch(1));
    await watches.follow(watch(2));
    microsoft.tickets = [ticket(1, 'closed'), ticket(2, 'closed')];
    const gone = new WorkflowNotFoundError('workflow execution already completed', 'service-request-INC-1', undefined);
    signalFailures.set('service-request-INC-1', gone);

    expect(await poller().pollOnce()).toMatchObject({ changed: 2, signalled: 1, dropped: 1, failed: 0 });
    expect((await watches.all()).map((w) => w.ticketId)).toEqual(['INC-2']);
  });

  it('signals nothing and keeps every mark when the list call fails', async () => {
    await watches.follow(watch(1));
    microsoft.tickets = [ticket(1, 'closed')];
    microsoft.failure = new Error('list service requests: Partner Center is unavailable (HTTP 503: busy)');

    expect(await poller().pollOnce()).toEqual({ listed: 0, watched: 0, changed: 0, signalled: 0, dropped: 0, failed: 0 });
    expect(signals).toEqual([]);
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('HTTP 503'));
    expect(await watches.all()).toEqual([expect.objectContaining({ status: 'open', noteCount: 0 })]);
  });

  it('sends at most 16 signals at once', async () => {
    for (let n = 1; n <= 40; n += 1) await watches.follow(watch(n));
    microsoft.tickets = Array.from({ length: 40 }, (_, i) => ticket(i + 1, 'closed'));
    let inFlight = 0;
    let most = 0;
    const slow = new MicrosoftWatchPoller({
      microsoftSupport: microsoft,
      watches,
      intervalMs: 1_000,
      logger,
      signal: async () => {
        inFlight += 1;
        most = Math.max(most, inFlight);
        await new Promise((resolve) => setTimeout(resolve, 5));
        inFlight -= 1;
      },
    });
    expect(await slow.pollOnce()).toMatchObject({ changed: 40, signalled: 40 });
    expect(most).toBe(16);
  });

  it('polls at once on start, then an interval after each cycle, never two at a time, until stopped', async () => {
    let release!: () => void;
    microsoft.gate = new Promise((resolve) => (release = resolve));
    const running = poller(10);
    running.start();
    expect(microsoft.listCalls).toBe(1);

    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(microsoft.listCalls).toBe(1);
    microsoft.gate = undefined;
    release();
    await waitUntil(() => microsoft.listCalls >= 3);

    let stopped = false;
    microsoft.gate = new Promise((resolve) => (release = resolve));
    await waitUntil(() => microsoft.listCalls >= 4);
    const stopping = running.stop().then(() => (stopped = true));
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(stopped).toBe(false);
    release();
    await stopping;
    const calls = microsoft.listCalls;
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(microsoft.listCalls).toBe(calls);
  });
});

async function waitUntil(condition: () => boolean, timeoutMs = 2_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > until) throw new Error('never happened');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
