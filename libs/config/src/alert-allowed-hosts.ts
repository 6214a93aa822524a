import { isIP } from 'node:net';

const HOST_NAME = /^(?=.{1,253}$)(?:[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9])?\.)*[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9])?\.?$/i;

/** An IP address as written in a URL or a list: IPv6 with or without brackets, IPv4 in four decimal parts only. */
export function bareIpAddress(entry: string): string | undefined {
  const bare = entry.startsWith('[') && entry.endsWith(']') ? entry.slice(1, -1) : entry;
  return isIP(bare) === 0 ? undefined : bare;
}

/** Why an ALERT_ALLOWED_HOSTS entry is refused, or undefined for a host name, an IP address or a CIDR. */
export function allowedHostProblem(entry: string): string | undefined {
  const [address, bits, ...rest] = entry.split('/');
  const family = isIP(address);
  if (bits === undefined || family === 0) {
    return bits === undefined && (bareIpAddress(entry) || HOST_NAME.test(entry)) ? undefined : 'must be a host name, an IP address or a CIDR';
  }
  const valid = rest.length === 0 && /^\d{1,3}$/.test(bits) && Number(bits) <= (family === 4 ? 32 : 128);
  return valid ? undefined : 'must be a CIDR such as 10.0.0.0/8 or fd00::/8 (an address, a slash, a prefix length)';
}
