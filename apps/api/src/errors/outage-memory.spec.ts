import { OutageMemory } from './outage-memory';

/** What node-postgres throws when the database cannot be reached. */
const databaseDown = () => Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });

describe('OutageMemory', () => {
  it('answers from the database while it is up, and from memory while it is down', async () => {
    const memory = new OutageMemory<string>();
    expect(await memory.read('k', async () => 'fresh')).toBe('fresh');

    expect(await memory.read('k', async () => Promise.reject(databaseDown()))).toBe('fresh');
  });

  it('rethrows the outage for what it never read, and any other error even for what it did', async () => {
    const memory = new OutageMemory<string>();
    await expect(memory.read('never', () => Promise.reject(databaseDown()))).rejects.toThrow('ECONNREFUSED');

    await memory.read('k', async () => 'fresh');
    await expect(memory.read('k', () => Promise.reject(new Error('a bug')))).rejects.toThrow('a bug');
  });

  it('forgets what the database no longer has (a revoked key), so an outage cannot bring it back', async () => {
    const memory = new OutageMemory<string>();
    await memory.read('k', async () => 'fresh');
    expect(await memory.read('k', async () => undefined)).toBeUndefined();

    await expect(memory.read('k', () => Promise.reject(databaseDown()))).rejects.toThrow('ECONNREFUSED');
  });

  it('keeps only the most recently used up to its capacity', async () => {
    const memory = new OutageMemory<string>(2);
    memory.remember('a', '1');
    memory.remember('b', '2');
    await memory.read('a', async () => '1'); // used again: b is now the oldest
    memory.remember('c', '3');

    await expect(memory.read('b', () => Promise.reject(databaseDown()))).rejects.toThrow();
    expect(await memory.read('a', () => Promise.reject(databaseDown()))).toBe('1');
    expect(await memory.read('c', () => Promise.reject(databaseDown()))).toBe('3');
  });
});
