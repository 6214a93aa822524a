import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { Category } from '@escalade/domain';
import type { HandedOffProduct } from '@escalade/partner-center';

/** One of Partner Center's support topics as the worker last fetched them, for the API to list. */
@Entity({ name: 'support_topics' })
export class SupportTopicEntity {
  /** Partner Center's id: a numeric string. */
  @PrimaryColumn({ type: 'varchar', length: 50 })
  id!: string;

  /** Its place in Partner Center's list. */
  @Column({ type: 'integer' })
  position!: number;

  @Column({ type: 'varchar', length: 500 })
  name!: string;

  @Column({ type: 'text' })
  description!: string;

  /** The product whose requests the mapping files under it, if any. */
  @Column({ type: 'varchar', length: 20, nullable: true })
  product!: HandedOffProduct | null;

  /** With `product`: the category whose requests the mapping files under it, if it is a category's topic. */
  @Column({ type: 'varchar', length: 40, nullable: true })
  category!: Category | null;

  /** The X-Locale the list was fetched in: the language of `name` and `description`. */
  @Column({ type: 'varchar', length: 20 })
  locale!: string;

  @Column({ name: 'fetched_at', type: 'varchar', length: 32 })
  fetchedAt!: string;
}
