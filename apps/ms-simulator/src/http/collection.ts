/** Partner Center's envelope for lists. */
export interface Collection<T> {
  totalCount: number;
  items: T[];
  attributes: { objectType: 'Collection' };
}

export function collection<T>(items: T[]): Collection<T> {
  return { totalCount: items.length, items, attributes: { objectType: 'Collection' } };
}
