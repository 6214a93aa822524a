import { unavailableDependency } from './dependency-unavailable';

/**
 * The last answers read from the database, to fall back on while it is down: a command that needs only Temporal
 * (closing a ticket, recording Microsoft's answer) keeps working through a database outage for callers and tickets
 * seen before it. Bounded: past `capacity` the least recently used are forgotten.
 */
export class OutageMemory<Value> {
  private readonly values = new Map<string, Value>();

  constructor(private readonly capacity = 10_000) {}

  /** Reads through `fetch`, remembering what it finds (and forgetting what it no longer finds); with the database down, recalls. */
  async read(key: string, fetch: () => Promise<Value | undefined>): Promise<Value | undefined> {
    let value: Value | undefined;
    try {
      value = await fetch();
    } catch (err) {
      const recalled = this.values.get(key);
      if (recalled === undefined || unavailableDependency(err) !== 'database') throw err;
      return recalled;
    }
    if (value === undefined) this.values.delete(key);
    else this.remember(key, value);
    return value;
  }

  remember(key: string, value: Value): void {
    this.values.delete(key);
    this.values.set(key, value);
    if (this.values.size > this.capacity) this.values.delete(this.values.keys().next().value as string);
  }

  forget(key: string): void {
    this.values.delete(key);
  }
}
