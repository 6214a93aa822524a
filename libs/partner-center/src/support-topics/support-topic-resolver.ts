import type { Category } from '@escalade/domain';
import { closestNames } from './closest-names';
import type { SupportTopicCatalogue, SupportTopicSnapshot } from './support-topic-catalogue';
import { SupportTopicMappingError, type SupportTopicProblem } from './support-topic-mapping.error';
import { mappedNames, topicLookup, type HandedOffProduct, type MappedName, type SupportTopicNames } from './support-topic-names';

/** Resolves the mapping's names to Partner Center's ids at run time, from the catalogue as it stands. */
export class SupportTopicResolver {
  constructor(
    readonly catalogue: SupportTopicCatalogue,
    readonly names: SupportTopicNames,
  ) {}

  /** The id a request is filed under: its category's topic when the mapping names one, else its product's. */
  async idFor(product: HandedOffProduct, category: Category): Promise<string> {
    const snapshot = await this.catalogue.current();
    const categoryName = this.names.categories[product]?.[category];
    const mapped: MappedName = categoryName
      ? { at: `categories.${product}.${category}`, name: categoryName, product, category }
      : { at: `products.${product}`, name: this.names.products[product], product };
    const topic = topicLookup(snapshot.topics)(mapped.name);
    if (!topic) throw new SupportTopicMappingError([problemOf(mapped, snapshot)], { locale: snapshot.locale, count: snapshot.topics.length });
    return topic.id;
  }

  /** Every mapped name the snapshot does not list. */
  problemsIn(snapshot: SupportTopicSnapshot): SupportTopicProblem[] {
    const find = topicLookup(snapshot.topics);
    return mappedNames(this.names)
      .filter(({ name }) => !find(name))
      .map((mapped) => problemOf(mapped, snapshot));
  }
}

function problemOf({ at, name }: MappedName, { topics }: SupportTopicSnapshot): SupportTopicProblem {
  return { at, name, closest: closestNames(name, topics.map((topic) => topic.name)) };
}
