import type { RecordedEvent } from '@escalade/event-store';
import { tailEvents } from './event-tail';

const anEvent = (globalPosition: number) => ({ globalPosition }) as RecordedEvent;

describe('tailEvents', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('waits out reads that fail (a database outage) and goes on from where it was, without ending the stream', async () => {
    const reads = [() => Promise.resolve([anEvent(1)]), () => Promise.reject(new Error('connection refused')), () => Promise.resolve([anEvent(2)])];
    const next = jest.fn(() => (reads.shift() ?? (() => Promise.resolve([])))());
    const seen: number[] = [];
    const errors: unknown[] = [];

    const subscription = tailEvents(next).subscribe({ next: (e) => seen.push(e.globalPosition), error: (e) => errors.push(e) });
    await jest.advanceTimersByTimeAsync(1_000);
    expect(seen).toEqual([1]);
    await jest.advanceTimersByTimeAsync(2_000);
    subscription.unsubscribe();

    expect(seen).toEqual([1, 2]);
    expect(errors).toEqual([]);
  });
});
