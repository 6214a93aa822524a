import { invalidInput } from '../errors/partner-center.exception';
import { collection, type Collection } from './collection';

export interface PageRequest {
  /** `?size=`: items a page; unset, every item in one page. */
  size?: string;
  /** The MS-ContinuationToken header a `links.next` told the caller to send. */
  continuationToken?: string;
}

/**
 * A page of `items` as Partner Center pages a collection: the next one is `uri` with `seekOperation=Next` and an
 * opaque MS-ContinuationToken (here, the offset it starts at).
 */
export function pageOf<T>(items: T[], uri: string, { size, continuationToken }: PageRequest): Collection<T> {
  const offset = continuationToken === undefined ? 0 : offsetIn(continuationToken, items.length);
  if (size === undefined) return collection(items.slice(offset));
  const count = Number(size);
  if (!Number.isInteger(count) || count < 1) throw invalidInput(`size: "${size}" is not a positive integer`);
  const end = offset + count;
  if (end >= items.length) return collection(items.slice(offset));
  return collection(items.slice(offset, end), {
    uri: `${uri}?size=${count}&seekOperation=Next`,
    method: 'GET',
    headers: [{ key: 'MS-ContinuationToken', value: Buffer.from(`offset:${end}`).toString('base64url') }],
  });
}

function offsetIn(token: string, length: number): number {
  const match = /^offset:(\d+)$/.exec(Buffer.from(token, 'base64url').toString());
  if (!match || Number(match[1]) > length) throw invalidInput('MS-ContinuationToken: not a token from this collection');
  return Number(match[1]);
}
