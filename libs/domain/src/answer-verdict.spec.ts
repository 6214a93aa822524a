import { decideOnAnswer, timeFromSource } from './answer-verdict';
import { DEFAULT_SLA_POLICY } from './sla-policy';

const HOUR = 3_600_000;
const filedAt = new Date('2026-11-24T09:00:00Z');
const dueAt = new Date(filedAt.getTime() + 2 * HOUR); // severity A: levels at 2 h, 3 h and 4 h after filing
const at = (msAfterFiling: number) => new Date(filedAt.getTime() + msAfterFiling);

describe('decideOnAnswer', () => {
  it('meets the target for an answer before the due time, whenever it is heard of', () => {
    expect(decideOnAnswer({ respondedAt: at(2 * HOUR - 5_800), filedAt, dueAt, breached: false, levelsRaised: 0 }, DEFAULT_SLA_POLICY)).toEqual({
      late: false,
      recordBreach: false,
      levelsToRaise: [],
      correctBreach: false,
    });
  });

  it('counts an answer exactly at the due time as in time', () => {
    expect(decideOnAnswer({ respondedAt: dueAt, filedAt, dueAt, breached: false, levelsRaised: 0 }, DEFAULT_SLA_POLICY).late).toBe(false);
  });

  it('corrects a breach recorded before an in-time answer was known', () => {
    const verdict = decideOnAnswer({ respondedAt: at(2 * HOUR - 5_800), filedAt, dueAt, breached: true, levelsRaised: 2 }, DEFAULT_SLA_POLICY);
    expect(verdict).toEqual({ late: false, recordBreach: false, levelsToRaise: [], correctBreach: true });
  });

  it('records the breach of a late answer heard of before the breach was, with the levels due before the answer', () => {
    const verdict = decideOnAnswer({ respondedAt: at(3 * HOUR + 10 * 60_000), filedAt, dueAt, breached: false, levelsRaised: 0 }, DEFAULT_SLA_POLICY);
    expect(verdict).toMatchObject({ late: true, recordBreach: true, correctBreach: false });
    expect(verdict.levelsToRaise).toEqual([
      { level: 1, audience: 'coordinators', at: dueAt },
      { level: 2, audience: 'duty-manager', at: at(3 * HOUR) },
    ]);
  });

  it('raises only the levels not raised yet', () => {
    const verdict = decideOnAnswer({ respondedAt: at(5 * HOUR), filedAt, dueAt, breached: true, levelsRaised: 1 }, DEFAULT_SLA_POLICY);
    expect(verdict).toMatchObject({ late: true, recordBreach: false });
    expect(verdict.levelsToRaise.map((level) => level.level)).toEqual([2, 3]);
  });
});

describe('timeFromSource', () => {
  const heardAt = at(2 * HOUR + 53_000);

  it("takes the source's time over the moment it was heard of", () => {
    expect(timeFromSource(at(2 * HOUR - 5_800).toISOString(), heardAt, filedAt)).toEqual(at(2 * HOUR - 5_800));
  });

  it('takes the moment it was heard of when the source tells none (or nothing readable)', () => {
    expect(timeFromSource(undefined, heardAt, filedAt)).toEqual(heardAt);
    expect(timeFromSource('not a date', heardAt, filedAt)).toEqual(heardAt);
  });

  it('never puts an answer before the filing, nor after it was heard of', () => {
    expect(timeFromSource(at(-HOUR).toISOString(), heardAt, filedAt)).toEqual(filedAt);
    expect(timeFromSource(at(5 * HOUR).toISOString(), heardAt, filedAt)).toEqual(heardAt);
  });

  it('puts an answer heard of while the ticket was being filed at the filing', () => {
    expect(timeFromSource(undefined, at(-1_000), filedAt)).toEqual(filedAt);
  });
});
