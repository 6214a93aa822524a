import ipaddr from 'ipaddr.js';
import { bareIpAddress } from '@escalade/config';

type Address = ipaddr.IPv4 | ipaddr.IPv6;

/**
 * Where clouds answer instance metadata (credentials included), whatever range they fall in: AWS, GCP, Azure, Oracle,
 * Alibaba, ECS task metadata, and Azure's WireServer, which is a public address.
 */
const METADATA_ADDRESSES = ['169.254.169.254', '169.254.170.2', 'fd00:ec2::254', '168.63.129.16', '100.100.100.200', '192.0.0.192'].map(
  (address) => ipaddr.parse(address).toNormalizedString(),
);

/** Names that resolve to loopback (RFC 6761) or to a metadata service, refused by name: they need no DNS to be reached. */
const LOOPBACK_NAME = /^(?:.+\.)?localhost$/;
const METADATA_NAMES = new Set(['metadata', 'metadata.google.internal', 'metadata.goog', 'instance-data', 'instance-data.ec2.internal']);

/** ipaddr.js's names of ranges, as a refusal says them. */
const RANGE_NAMES: Record<string, string> = {
  loopback: 'loopback',
  private: 'private',
  linkLocal: 'link-local',
  uniqueLocal: 'unique-local',
  multicast: 'multicast',
  carrierGradeNat: 'CGNAT',
  unspecified: 'unspecified',
  broadcast: 'broadcast',
};

/** Global unicast IPv6 (2000::/3): anything else (IPv4-compatible ::/96, NAT64, discard …) is not the public Internet. */
const GLOBAL_UNICAST_V6 = ipaddr.parseCIDR('2000::/3');

/** A host name in the form compared: lower case, without the root's trailing dot. */
export function canonicalHostName(hostname: string): string {
  return hostname.toLowerCase().replace(/\.$/, '');
}

/** An IP literal as it appears in a URL's host (IPv6 in brackets) or a resolver's answer, or undefined for a name. */
export function parseIpLiteral(host: string): Address | undefined {
  const bare = bareIpAddress(host);
  if (bare === undefined) return undefined;
  const address = ipaddr.parse(bare);
  // ::ffff:a.b.c.d reaches a.b.c.d: it is judged, and admitted, as that IPv4 address.
  return address.kind() === 'ipv6' && (address as ipaddr.IPv6).isIPv4MappedAddress() ? (address as ipaddr.IPv6).toIPv4Address() : address;
}

/**
 * What makes the address internal, as a refusal names it ('loopback', 'private', 'cloud metadata' …), or undefined for
 * a public unicast address.
 */
export function internalKindOfAddress(address: Address): string | undefined {
  if (METADATA_ADDRESSES.includes(address.toNormalizedString())) return 'cloud metadata';
  const range = address.range();
  if (address.kind() === 'ipv6' && range === 'unicast' && !address.match(GLOBAL_UNICAST_V6)) return 'special-purpose';
  if (range === 'unicast') return undefined;
  return RANGE_NAMES[range] ?? 'special-purpose';
}

/** What makes a host name internal by itself ('loopback', 'cloud metadata'), or undefined. */
export function internalKindOfName(hostname: string): string | undefined {
  const name = canonicalHostName(hostname);
  if (LOOPBACK_NAME.test(name)) return 'loopback';
  if (METADATA_NAMES.has(name)) return 'cloud metadata';
  return undefined;
}

export type { Address };
