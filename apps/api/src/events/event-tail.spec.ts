import type { RecordedEvent } from '@escalade/event-store';
import { tailEvents, type TailPage } from './event-tail';

const anEvent = (globalPosition: number) => ({ globalPosition }) as RecordedEvent;
const page = (positions: number[], more = false): TailPage => ({ events: positions.map(anEvent), more });

/** A log head moved by hand: `moveTo` wakes the watchers as LogHead does. */
function aHead() {
  const watchers = new Set<() => void>();
  return {
    position: 0,
    watch(wake: () => void) {
      watchers.add(wake);
      return () => watchers.delete(wake);
    },
    moveTo(position: number) {
      this.position = position;
      for (const wake of watchers) wake();
    },
    watchers,
  };
}

describe('tailEvents', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('reads once when opened, then only when the head moves past what it has read, however long it stays idle', async () => {
    const head = aHead();
    const next = jest.fn().mockResolvedValueOnce(page([1])).mockResolvedValueOnce(page([2])).mockResolvedValue(page([]));
    const seen: number[] = [];

    const subscription = tailEvents(next, head).subscribe((e) => seen.push(e.globalPosition));
    await jest.advanceTimersByTimeAsync(60_000);
    expect(next).toHaveBeenCalledTimes(1);
    head.moveTo(2);
    await jest.advanceTimersByTimeAsync(0);
    subscription.unsubscribe();

    expect(seen).toEqual([1, 2]);
    expect(next).toHaveBeenCalledTimes(2);
    expect(head.watchers.size).toBe(0);
  });

  it('reads the next page at once while more is stored, and again when the head moved during its read', async () => {
    const head = aHead();
    const next = jest
      .fn()
      .mockResolvedValueOnce(page([1], true))
      .mockImplementationOnce(async () => {
        head.moveTo(3); // an append while this read runs: the wake-up is ignored, the stream re-reads after it
        return page([2]);
      })
      .mockResolvedValueOnce(page([3]))
      .mockResolvedValue(page([]));
    const seen: number[] = [];

    const subscription = tailEvents(next, head).subscribe((e) => seen.push(e.globalPosition));
    await jest.advanceTimersByTimeAsync(0);
    subscription.unsubscribe();

    expect(seen).toEqual([1, 2, 3]);
    expect(next).toHaveBeenCalledTimes(3);
  });

  it('waits out reads that fail (a database outage) and goes on from where it was, without ending the stream', async () => {
    const head = aHead();
    const reads = [() => Promise.resolve(page([1])), () => Promise.reject(new Error('connection refused')), () => Promise.resolve(page([2]))];
    const next = jest.fn(() => (reads.shift() ?? (() => Promise.resolve(page([]))))());
    const seen: number[] = [];
    const errors: unknown[] = [];

    const subscription = tailEvents(next, head).subscribe({ next: (e) => seen.push(e.globalPosition), error: (e) => errors.push(e) });
    await jest.advanceTimersByTimeAsync(1_000);
    expect(seen).toEqual([1]);
    head.moveTo(2);
    await jest.advanceTimersByTimeAsync(1_000);
    head.moveTo(2.5); // woken while waiting to retry: still one retry, not a read per wake-up
    await jest.advanceTimersByTimeAsync(1_000);
    subscription.unsubscribe();

    expect(seen).toEqual([1, 2]);
    expect(errors).toEqual([]);
    expect(next).toHaveBeenCalledTimes(3);
  });
});
