import type { Category, Product } from '@escalade/domain';
import type { SupportTopic } from '../wire';
import { normalisedName } from './closest-names';

/** Marketplace requests go to their ISV, never to Microsoft. */
export type HandedOffProduct = Exclude<Product, 'marketplace'>;

/** Which support topic, by its name in Partner Center's catalogue, a request without its own `supportTopicId` is filed under. */
export interface SupportTopicNames {
  products: Record<HandedOffProduct, string>;
  /** Per product, the topics of some categories, over the product's. */
  categories: Partial<Record<HandedOffProduct, Partial<Record<Category, string>>>>;
}

export interface SupportTopicNameOverrides {
  products?: Partial<Record<HandedOffProduct, string>>;
  categories?: SupportTopicNames['categories'];
}

/**
 * Names from the simulator's en-US catalogue (apps/ms-simulator). Check these against your Partner Center's list
 * (`GET /support-topics`, or the worker's startup error, which names the closest ones) and set your own in
 * SUPPORT_TOPICS_FILE.
 */
export const DEFAULT_SUPPORT_TOPIC_NAMES: SupportTopicNames = {
  products: {
    azure: 'Azure - Technical issue',
    office365: 'Office 365 - Technical issue',
    dynamics365: 'Dynamics 365 - Technical issue',
    ems: 'Enterprise Mobility + Security - Technical issue',
  },
  categories: {},
};

/** The products' names over the defaults; the categories are the overrides' alone. */
export function withDefaultNames({ products, categories }: SupportTopicNameOverrides = {}): SupportTopicNames {
  return { products: { ...DEFAULT_SUPPORT_TOPIC_NAMES.products, ...products }, categories: categories ?? {} };
}

/** One name of the mapping, `at` its place in SUPPORT_TOPICS_FILE's shape: `products.azure`, `categories.azure.billing`. */
export interface MappedName {
  at: string;
  name: string;
  product: HandedOffProduct;
  category?: Category;
}

/** The products' names first, then the categories'. */
export function mappedNames({ products, categories }: SupportTopicNames): MappedName[] {
  const byProduct = Object.entries(products).map(([product, name]) => ({ at: `products.${product}`, name, product: product as HandedOffProduct }));
  const byCategory = Object.entries(categories).flatMap(([product, names]) =>
    Object.entries(names ?? {}).map(([category, name]) => ({
      at: `categories.${product}.${category}`,
      name,
      product: product as HandedOffProduct,
      category: category as Category,
    })),
  );
  return [...byProduct, ...byCategory];
}

/** A topic of the catalogue with where the mapping files requests under it: a product's topic, or a category's. */
export interface CatalogueTopic {
  id: string;
  name: string;
  description: string;
  product?: HandedOffProduct;
  category?: Category;
}

/** Finds topics by name, case and spacing aside; of two topics with one name, the first listed. */
export function topicLookup(topics: readonly SupportTopic[]): (name: string) => SupportTopic | undefined {
  const byName = new Map<string, SupportTopic>();
  for (const topic of topics) {
    const key = normalisedName(topic.name);
    if (!byName.has(key)) byName.set(key, topic);
  }
  return (name) => byName.get(normalisedName(name));
}

/** The catalogue in its order, each topic with the first mapped name it answers to (a product's before a category's). */
export function catalogueTopics(topics: readonly SupportTopic[], names: SupportTopicNames): CatalogueTopic[] {
  const find = topicLookup(topics);
  const usage = new Map<string, Pick<CatalogueTopic, 'product' | 'category'>>();
  for (const { name, product, category } of mappedNames(names)) {
    const topic = find(name);
    if (topic && !usage.has(topic.id)) usage.set(topic.id, category ? { product, category } : { product });
  }
  return topics.map(({ id, name, description }) => ({ id, name, description, ...usage.get(id) }));
}
