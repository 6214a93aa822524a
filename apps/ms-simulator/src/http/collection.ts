/** A request a collection hands back to make: `uri` relative to `/v1`, as Partner Center writes it. */
export interface Link {
  uri: string;
  method: 'GET';
  headers: Array<{ key: string; value: string }>;
}

/** Partner Center's envelope for lists; `links.next` while more pages follow. */
export interface Collection<T> {
  totalCount: number;
  items: T[];
  links?: { next: Link };
  attributes: { objectType: 'Collection' };
}

export function collection<T>(items: T[], next?: Link): Collection<T> {
  return { totalCount: items.length, items, ...(next ? { links: { next } } : {}), attributes: { objectType: 'Collection' } };
}
