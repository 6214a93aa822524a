import ipaddr from 'ipaddr.js';
import { allowedHostProblem } from '@escalade/config';
import { canonicalHostName, parseIpLiteral, type Address } from './internal-address';

/**
 * ALERT_ALLOWED_HOSTS: the internal destinations a deployment admits. A host name admits whatever it resolves to; an IP
 * address or a CIDR admits those addresses under any name. Nothing listed admits nothing.
 */
export class AllowedHosts {
  private readonly names = new Set<string>();
  private readonly ranges: Array<[Address, number]> = [];

  constructor(entries: readonly string[] = []) {
    entries.forEach((entry, index) => {
      const problem = allowedHostProblem(entry);
      if (problem) throw new Error(`ALERT_ALLOWED_HOSTS: entry ${index + 1} ${problem}`);
      if (entry.includes('/')) return void this.ranges.push(rangeOf(entry));
      const literal = parseIpLiteral(entry);
      if (literal) this.ranges.push([literal, literal.kind() === 'ipv4' ? 32 : 128]);
      else this.names.add(canonicalHostName(entry));
    });
  }

  admitsName(hostname: string): boolean {
    return this.names.has(canonicalHostName(hostname));
  }

  admitsAddress(address: Address): boolean {
    return this.ranges.some(([network, bits]) => network.kind() === address.kind() && address.match(network, bits));
  }
}

/** An IPv4-mapped range (::ffff:10.0.0.0/104) is that IPv4 range: addresses are judged as IPv4 (see parseIpLiteral). */
function rangeOf(cidr: string): [Address, number] {
  const [network, bits] = ipaddr.parseCIDR(cidr);
  if (network.kind() === 'ipv6' && (network as ipaddr.IPv6).isIPv4MappedAddress() && bits >= 96) {
    return [(network as ipaddr.IPv6).toIPv4Address(), bits - 96];
  }
  return [network, bits];
}
