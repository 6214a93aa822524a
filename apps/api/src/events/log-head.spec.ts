import type { DataSource } from 'typeorm';
import type { EventStore } from '@escalade/event-store';
import { HEAD_POLL_MS, LogHead } from './log-head';

const SQLITE = { options: { type: 'better-sqlite3' } } as DataSource;

function aLogHead(heads: number[]) {
  const headPosition = jest.fn(async () => (heads.length > 1 ? heads.shift() : heads[0]) ?? 0);
  return { head: new LogHead({ headPosition } as unknown as EventStore, SQLITE), headPosition };
}

describe('LogHead', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('wakes every watcher once per move of the head, not while it stays put', async () => {
    const { head } = aLogHead([5, 5, 7, 7, 7]);
    const wakes = [jest.fn(), jest.fn(), jest.fn()];
    const unwatch = wakes.map((wake) => head.watch(wake));

    await jest.advanceTimersByTimeAsync(5 * HEAD_POLL_MS.sqlite);
    unwatch.forEach((stop) => stop());

    for (const wake of wakes) expect(wake).toHaveBeenCalledTimes(2);
    expect(head.position).toBe(7);
  });

  it('reads the head once a poll, however many watch it, and not at all when none does', async () => {
    const { head, headPosition } = aLogHead([1]);
    await jest.advanceTimersByTimeAsync(10 * HEAD_POLL_MS.sqlite);
    expect(headPosition).not.toHaveBeenCalled();

    const unwatch = Array.from({ length: 200 }, () => head.watch(() => undefined));
    await jest.advanceTimersByTimeAsync(10 * HEAD_POLL_MS.sqlite);
    expect(headPosition).toHaveBeenCalledTimes(10);

    unwatch.forEach((stop) => stop());
    await jest.advanceTimersByTimeAsync(10 * HEAD_POLL_MS.sqlite);
    expect(headPosition).toHaveBeenCalledTimes(10);
  });

  it('keeps polling through an outage and wakes the watchers when the head can be read again', async () => {
    const { head, headPosition } = aLogHead([3]);
    headPosition.mockRejectedValueOnce(new Error('connection refused')).mockRejectedValueOnce(new Error('connection refused'));
    const wake = jest.fn();
    head.watch(wake);

    await jest.advanceTimersByTimeAsync(3 * HEAD_POLL_MS.sqlite);
    head.onModuleDestroy();

    expect(wake).toHaveBeenCalledTimes(1);
    expect(head.position).toBe(3);
  });
});
