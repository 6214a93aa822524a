/** A mapped name that is not in Partner Center's catalogue. */
export interface SupportTopicProblem {
  /** Its place in SUPPORT_TOPICS_FILE's shape: `products.azure`, `categories.azure.billing`. */
  at: string;
  name: string;
  /** The catalogue's nearest names. */
  closest: string[];
}

/** Our configuration names support topics Partner Center does not list: a retry cannot help, and Microsoft never saw the ticket. */
export class SupportTopicMappingError extends Error {
  override readonly name = 'SupportTopicMappingError';

  constructor(
    readonly problems: SupportTopicProblem[],
    catalogue: { locale: string; count: number },
  ) {
    super(`Support topics not found in Partner Center's list: ${problems.map((problem) => describeProblem(problem, catalogue)).join('; ')}`);
  }
}

/** `products.azure: "Azure - Tech" is not among Partner Center's 9 support topics (en-US); closest: "Azure - Technical issue", …` */
export function describeProblem({ at, name, closest }: SupportTopicProblem, { locale, count }: { locale: string; count: number }): string {
  const nearest = closest.length > 0 ? `; closest: ${closest.map((candidate) => JSON.stringify(candidate)).join(', ')}` : '';
  return `${at}: ${JSON.stringify(name)} is not among Partner Center's ${count} support topics (${locale})${nearest}`;
}
