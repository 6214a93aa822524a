import { isIP } from 'node:net';
import { z } from 'zod';

/** proxy-addr's names for address ranges, as Express's `trust proxy` takes them. */
const RANGE_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

function isProxyAddress(item: string): boolean {
  if (RANGE_NAMES.has(item)) return true;
  const [address, bits, ...rest] = item.split('/');
  const family = isIP(address);
  if (family === 0 || rest.length > 0) return false;
  return bits === undefined || (/^\d{1,3}$/.test(bits) && Number(bits) <= (family === 4 ? 32 : 128));
}

/**
 * Express's `trust proxy`: the number of proxies in front of the API, or the addresses (IPs, CIDRs, `loopback`,
 * `linklocal`, `uniquelocal`; comma-separated) of those it trusts. Their X-Forwarded-For then gives the client's
 * address (rate limits per address) and X-Forwarded-Host the API's own host (cross-origin writes).
 */
export const trustProxy = z.string().transform((value, ctx): number | string[] | undefined => {
  const text = value.trim();
  if (text === '') return undefined; // set empty: none, as unset
  if (/^\d{1,2}$/.test(text)) return Number(text);
  const items = text.split(',').map((item) => item.trim());
  if (items.length > 0 && items.every(isProxyAddress)) return items;
  ctx.addIssue({
    code: z.ZodIssueCode.custom,
    message: 'must be a number of proxies (e.g. 1), or comma-separated IP addresses, CIDRs, loopback, linklocal or uniquelocal',
  });
  return z.NEVER;
});
