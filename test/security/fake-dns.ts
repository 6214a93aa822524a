import dns from 'node:dns';

export interface FakeAnswer {
  address: string;
  family: 4 | 6;
}

export interface FakeDns {
  /** How often the system asked for `hostname`. */
  lookups(hostname: string): number;
  restore(): void;
}

type LookupCallback = (err: NodeJS.ErrnoException | null, address: string | dns.LookupAddress[], family?: number) => void;

/**
 * The system's resolver answering for the names in `zone` as a hostile DNS server would: each name's answers in turn,
 * the last one repeating (a name that changes its answer is DNS rebinding). Other names are resolved as usual. The API
 * runs in this process and resolves through node:dns, so this is what it sees.
 */
export function fakeDns(zone: Record<string, FakeAnswer[][]>): FakeDns {
  const original = dns.lookup;
  const counts = new Map<string, number>();
  const spy = jest.spyOn(dns, 'lookup').mockImplementation(((hostname: string, ...rest: unknown[]) => {
    const answers = zone[hostname.toLowerCase()];
    if (!answers) return (original as (...args: unknown[]) => void).call(dns, hostname, ...rest);
    const [options, callback] = (rest.length === 1 ? [{}, rest[0]] : rest) as [dns.LookupOptions | number, LookupCallback];
    const asked = counts.get(hostname.toLowerCase()) ?? 0;
    counts.set(hostname.toLowerCase(), asked + 1);
    const addresses = answers[Math.min(asked, answers.length - 1)];
    const all = typeof options === 'object' && options.all;
    process.nextTick(() => (all ? callback(null, addresses) : callback(null, addresses[0].address, addresses[0].family)));
  }) as unknown as typeof dns.lookup);
  return {
    lookups: (hostname) => counts.get(hostname.toLowerCase()) ?? 0,
    restore: () => spy.mockRestore(),
  };
}
