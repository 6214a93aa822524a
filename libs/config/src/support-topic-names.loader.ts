import * as fs from 'node:fs';
import { z } from 'zod';
import { CATEGORIES, type Category, type Product } from '@escalade/domain';
import { ConfigError } from './app-config';

/** Marketplace requests go to their ISV: no support topic of Microsoft's applies. */
const HANDED_OFF_PRODUCTS = ['azure', 'office365', 'dynamics365', 'ems'] as const satisfies ReadonlyArray<Exclude<Product, 'marketplace'>>;
type HandedOffProduct = (typeof HANDED_OFF_PRODUCTS)[number];

const topicName = z.string().trim().min(1, 'must name a support topic').max(255, "must be at most 255 characters (Partner Center's names are shorter)");
const product = z.enum(HANDED_OFF_PRODUCTS, {
  errorMap: () => ({ message: `must be one of ${HANDED_OFF_PRODUCTS.join(', ')} (marketplace requests go to their ISV)` }),
});
const category = z.enum(CATEGORIES, { errorMap: () => ({ message: `must be one of ${CATEGORIES.join(', ')}` }) });

const fileSchema = z
  .object({
    products: z.record(product, topicName),
    categories: z.record(product, z.record(category, topicName)),
  })
  .partial()
  .strict();

/** SUPPORT_TOPICS_FILE's content: Partner Center support topics by name, a product's over the built-in one, a category's over its product's. */
export interface SupportTopicNamesFile {
  products?: Partial<Record<HandedOffProduct, string>>;
  categories?: Partial<Record<HandedOffProduct, Partial<Record<Category, string>>>>;
}

/** SUPPORT_TOPICS_FILE read and checked (empty when unset); whether Partner Center lists the names, the worker checks. */
export function loadSupportTopicNames({ SUPPORT_TOPICS_FILE: file }: { SUPPORT_TOPICS_FILE?: string }): SupportTopicNamesFile {
  if (!file) return {};
  let json: unknown;
  try {
    json = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (err) {
    throw new ConfigError([`SUPPORT_TOPICS_FILE=${file}: ${(err as Error).message}`]);
  }
  const parsed = fileSchema.safeParse(json);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((issue) => `SUPPORT_TOPICS_FILE=${file}: ${issue.path.join('.') || '(root)'}: ${issue.message}`));
  }
  return parsed.data;
}
