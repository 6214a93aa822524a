import type { DataSource } from 'typeorm';
import { evolveTicketSummary, type TicketEvent } from '@escalade/domain';
import { aServiceRequestReceived } from '@escalade/domain/testing';
import { EventStore } from '@escalade/event-store';
import { ParkedEventsStore } from '../parked-events/parked-events.store';
import { testDatabases } from '../testing/test-databases';
import { projectionDrift } from './projection-drift';
import { at, opened } from './testing/ticket-events.fixture';
import type { TicketEvolve } from './ticket-change';
import { TicketRow } from './ticket-row.entity';
import { type CatchUpResult, TicketsProjection } from './tickets.projection';

const FOLLOWS = 'an earlier event of this ticket is parked';

/** A request the API should have refused: its partner has no name, so the ticket's row has no partner. */
const poisonReceived = (ticketId: string) => aServiceRequestReceived(ticketId, { partner: { tenantId: 'p' } as never, receivedAt: at(3) });

const severityChangedTo = (to: string): TicketEvent =>
  ({ type: 'SeverityChanged', data: { from: 'C', to, reason: 'r', changedBy: 'c', responseDueAt: at(40) } }) as TicketEvent;

/** Deployed later: the fold copes with a missing partner. */
const partnerFix: TicketEvolve = (summary, event, version) => {
  const row = evolveTicketSummary(summary, event, version);
  return { ...row, partner: row.partner ?? '(unknown partner)' };
};

/** And with a severity that is not one. */
const fullFix: TicketEvolve = (summary, event, version) => {
  const row = partnerFix(summary, event, version);
  return { ...row, severity: row.severity.length === 1 ? row.severity : (summary?.severity ?? 'C') };
};

describe.each(testDatabases())('tickets projection parking what it cannot fold, on $name', (database) => {
  let dataSource: DataSource;
  let events: EventStore;
  let projection: TicketsProjection;
  let parkedEvents: ParkedEventsStore;
  const caughtUp: CatchUpResult[] = [];

  const append = (ticketId: string, newEvents: TicketEvent[]) =>
    events.appendToStream(
      `ticket-${ticketId}`,
      newEvents.map((e, i) => ({ ...e, eventId: `${ticketId}:${Date.now()}:${i}:${Math.random()}` })),
    );
  const catchUpFully = async (batchSize = 3) => {
    for (let result = await projection.catchUp(batchSize); result.read > 0; result = await projection.catchUp(batchSize)) {
      caughtUp.push(result);
    }
  };
  const row = (id: string) => dataSource.getRepository(TicketRow).findOneBy({ id });
  const parked = async () => (await parkedEvents.list()).map((e) => [e.streamId, e.streamVersion, e.type, e.reason]);

  beforeAll(async () => {
    dataSource = await database.open();
    events = new EventStore(dataSource);
    projection = new TicketsProjection(dataSource);
    parkedEvents = new ParkedEventsStore(dataSource);

    await append('T1', opened('T1', 0, 'A'));
    await append('P1', [poisonReceived('P1')]); // in the middle of the second batch of 3
    await append('T2', opened('T2', 1, 'B'));
    await append('P1', opened('P1', 3, 'A').slice(1, 3));
    await append('T1', [{ type: 'SlaBreached', data: { responseDueAt: at(30) } }]);
    await append('T3', opened('T3', 2, 'C'));
    await append('T3', [severityChangedTo('ABC'), { type: 'MicrosoftResponded', data: { respondedAt: at(5), late: false } }]);
    await catchUpFully();
  });
  afterAll(() => database.close(dataSource));

  it('goes on with every other ticket, parking the poison event and the later events of its ticket', async () => {
    expect(await row('P1')).toBeNull();
    expect(await row('T1')).toMatchObject({ version: 5, breached: true, partner: 'Fabrikam' });
    expect(await row('T2')).toMatchObject({ version: 4, status: 'awaiting-response' });
    // The last valid state of a ticket parked mid-stream stays in the read model.
    expect(await row('T3')).toMatchObject({ version: 4, severity: 'C', status: 'awaiting-response' });
    expect(await parked()).toEqual([
      ['ticket-P1', 1, 'ServiceRequestReceived', 'the row would be invalid: partner is missing'],
      ['ticket-P1', 2, 'EligibilityDecided', FOLLOWS],
      ['ticket-P1', 3, 'HandedOff', FOLLOWS],
      ['ticket-T3', 5, 'SeverityChanged', 'the row would be invalid: severity is longer than 1 characters'],
      ['ticket-T3', 6, 'MicrosoftResponded', FOLLOWS],
    ]);
  });

  it('reports each parked event once, moves the checkpoint to the head, and says so in its status', async () => {
    const reported = caughtUp.flatMap((result) => result.parked.map((e) => e.position));
    expect(reported).toEqual((await parkedEvents.list()).map((e) => e.position));
    const head = await events.headPosition();
    expect(await projection.status()).toEqual({ checkpoint: head, head, lag: 0, parked: 5 });
  });

  it('lists parked events in pages, oldest first', async () => {
    const all = await parkedEvents.list();
    const first = await parkedEvents.list({ limit: 2 });
    const second = await parkedEvents.list({ after: first[1].position, limit: 2 });
    expect([...first, ...second]).toEqual(all.slice(0, 4));
    expect(await parkedEvents.count()).toBe(5);
  });

  it('finds no drift between the log and the read model, listing the parked tickets apart', async () => {
    const snapshot = await projection.snapshot();
    const drift = projectionDrift(await projection.foldLog(snapshot.checkpoint), snapshot);
    expect(drift.tickets).toEqual([]);
    expect(drift.parked.map((t) => [t.ticketId, t.events])).toEqual([
      ['P1', 3],
      ['T3', 2],
    ]);
    await dataSource.getRepository(TicketRow).update({ id: 'T2' }, { status: 'closed' });
    const changed = await projection.snapshot();
    expect(projectionDrift(await projection.foldLog(changed.checkpoint), changed).tickets).toEqual([
      { ticketId: 'T2', kind: 'different', fields: [{ field: 'status', log: 'awaiting-response', readModel: 'closed' }] },
    ]);
    await dataSource.getRepository(TicketRow).update({ id: 'T2' }, { status: 'awaiting-response' });
  });

  it('replays nothing before a fix, then what a fix makes foldable, in stream order, stopping where it still fails', async () => {
    expect(await projection.replayParked()).toEqual({ applied: 0, remaining: 5 });
    expect(await new TicketsProjection(dataSource, partnerFix).replayParked()).toEqual({ applied: 3, remaining: 2 });
    expect(await row('P1')).toMatchObject({ version: 3, partner: '(unknown partner)', microsoftTicketId: 'MS-P1' });
    expect(await parked()).toEqual([
      ['ticket-T3', 5, 'SeverityChanged', 'the row would be invalid: severity is longer than 1 characters'],
      ['ticket-T3', 6, 'MicrosoftResponded', FOLLOWS],
    ]);
    expect(await new TicketsProjection(dataSource, fullFix).replayParked()).toEqual({ applied: 2, remaining: 0 });
    expect(await row('T3')).toMatchObject({ version: 6, severity: 'C', status: 'responded' });
  });

  it('folds the later events of a replayed ticket as usual', async () => {
    await append('P1', [{ type: 'ResponseDueTimeSet', data: { severity: 'A', responseDueAt: at(33) } }]);
    await catchUpFully();
    expect(await row('P1')).toMatchObject({ version: 4, status: 'awaiting-response' });
    expect(await parkedEvents.count()).toBe(0);
  });

  it('rebuilds with the parked events cleared and parked again', async () => {
    await projection.rebuild(undefined, 4);
    expect(await row('P1')).toBeNull();
    expect((await parked()).map(([stream, version]) => `${stream}@${version}`)).toEqual([
      'ticket-P1@1',
      'ticket-P1@2',
      'ticket-P1@3',
      'ticket-T3@5',
      'ticket-T3@6',
      'ticket-P1@4',
    ]);
    expect(await row('T1')).toMatchObject({ version: 5 });
  });
});

describe.each(testDatabases())('tickets projection parking rows the database refuses, on $name', (database) => {
  let dataSource: DataSource;
  let events: EventStore;
  let projection: TicketsProjection;

  const append = (ticketId: string, newEvents: TicketEvent[]) =>
    events.appendToStream(
      `ticket-${ticketId}`,
      newEvents.map((e, i) => ({ ...e, eventId: `${ticketId}:${i}:${Math.random()}` })),
    );
  const ids = async () => (await dataSource.getRepository(TicketRow).find({ order: { id: 'ASC' } })).map((r) => r.id);

  /** A rule of the database that the projection's own checks do not know. */
  const refuseTitle = (title: string) =>
    dataSource.query(
      database.name === 'postgres'
        ? `ALTER TABLE tickets ADD CONSTRAINT refused_title CHECK (title <> '${title}')`
        : `CREATE TRIGGER refused_title BEFORE INSERT ON tickets WHEN NEW.title = '${title}' BEGIN SELECT RAISE(ABORT, 'refused title'); END`,
    );
  const acceptTitles = () =>
    dataSource.query(
      database.name === 'postgres' ? 'ALTER TABLE tickets DROP CONSTRAINT refused_title' : 'DROP TRIGGER refused_title',
    );

  beforeAll(async () => {
    dataSource = await database.open();
    events = new EventStore(dataSource);
    projection = new TicketsProjection(dataSource);
    await refuseTitle('Ticket W2');
  });
  afterAll(() => database.close(dataSource));

  it('writes the other rows of the batch and parks the events of the refused one', async () => {
    await append('W1', opened('W1', 0, 'A'));
    await append('W2', opened('W2', 1, 'B'));
    await append('W3', opened('W3', 2, 'C'));
    const { parked } = await projection.catchUp();
    expect(await ids()).toEqual(['W1', 'W3']);
    expect(parked.map((e) => [e.streamId, e.streamVersion])).toEqual([1, 2, 3, 4].map((v) => ['ticket-W2', v]));
    expect(parked[0].reason).toMatch(/^the database refused the row: .*refused.title/);

    await append('W2', [{ type: 'SlaBreached', data: { responseDueAt: at(31) } }]);
    expect((await projection.catchUp()).parked.map((e) => e.reason)).toEqual(['an earlier event of this ticket is parked']);
  });

  it('replays them once the database accepts the row', async () => {
    expect(await projection.replayParked()).toEqual({ applied: 0, remaining: 5 });
    await acceptTitles();
    expect(await projection.replayParked()).toEqual({ applied: 5, remaining: 0 });
    expect(await dataSource.getRepository(TicketRow).findOneBy({ id: 'W2' })).toMatchObject({ version: 5, breached: true });
  });
});
