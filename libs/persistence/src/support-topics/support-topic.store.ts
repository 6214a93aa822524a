import type { DataSource } from 'typeorm';
import type { Category } from '@escalade/domain';
import type { CatalogueTopic, HandedOffProduct } from '@escalade/partner-center';
import { SupportTopicEntity } from './support-topic.entity';

export interface SupportTopicListing {
  items: CatalogueTopic[];
  /** Null until the worker has fetched the list. */
  locale: string | null;
  fetchedAt: string | null;
}

export interface SupportTopicFilter {
  product?: HandedOffProduct;
  category?: Category;
}

/** Rows a statement: far below SQLite's and PostgreSQL's limits on bound parameters. */
const CHUNK = 200;

/** Partner Center's support topics as the worker last fetched them (the API does not call Partner Center itself). */
export class SupportTopicStore {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Puts this list in place of the last one. Upserts, not delete-then-insert: two workers replacing it at once must
   * not collide on the ids.
   */
  async replace({ topics, locale, fetchedAt }: { topics: readonly CatalogueTopic[]; locale: string; fetchedAt: string }): Promise<void> {
    const rows = topics.map(({ id, name, description, product, category }, position) => ({
      id,
      position,
      name,
      description,
      product: product ?? null,
      category: category ?? null,
      locale,
      fetchedAt,
    }));
    await this.dataSource.transaction(async (manager) => {
      for (let start = 0; start < rows.length; start += CHUNK) {
        await manager.upsert(SupportTopicEntity, rows.slice(start, start + CHUNK), ['id']);
      }
      const gone = manager.createQueryBuilder().delete().from(SupportTopicEntity);
      await (rows.length > 0 ? gone.where('id NOT IN (:...ids)', { ids: rows.map((row) => row.id) }) : gone).execute();
    });
  }

  /** In Partner Center's order; the locale and time of the list whatever the filter keeps. */
  async list({ product, category }: SupportTopicFilter = {}): Promise<SupportTopicListing> {
    const rows = await this.dataSource.getRepository(SupportTopicEntity).find({ order: { position: 'ASC' } });
    const items = rows
      .filter((row) => (product === undefined || row.product === product) && (category === undefined || row.category === category))
      .map(({ id, name, description, product: mappedProduct, category: mappedCategory }) => ({
        id,
        name,
        description,
        ...(mappedProduct ? { product: mappedProduct } : {}),
        ...(mappedCategory ? { category: mappedCategory } : {}),
      }));
    return { items, locale: rows[0]?.locale ?? null, fetchedAt: rows[0]?.fetchedAt ?? null };
  }
}
