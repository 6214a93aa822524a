import dns from 'node:dns';

export interface ResolvedAddress {
  address: string;
  family: number;
}

/** Every address a host name has. Tests give their own answers; rebinding is an answer that changes between calls. */
export type ResolveHost = (hostname: string) => Promise<ResolvedAddress[]>;

/** The system's resolver (getaddrinfo: /etc/hosts, then DNS), as Node connects by default. */
export const systemResolver: ResolveHost = (hostname) =>
  new Promise((resolve, reject) =>
    dns.lookup(hostname, { all: true, verbatim: true }, (err, addresses) => (err ? reject(err) : resolve(addresses))),
  );
