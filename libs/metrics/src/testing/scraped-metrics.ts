import parsePrometheusTextFormat from 'parse-prometheus-text-format';

type Family = ReturnType<typeof parsePrometheusTextFormat>[number];

/** A `/metrics` answer parsed by a Prometheus text parser (every line must parse), to read series from. */
export class ScrapedMetrics {
  private readonly families: Family[];
  /** The same with histograms read as plain samples: the parser folds a labelled histogram's label sets into one. */
  private readonly plain: Family[];

  constructor(readonly text: string) {
    this.families = parsePrometheusTextFormat(text);
    this.plain = parsePrometheusTextFormat(text.replace(/^# TYPE (\S+) histogram$/gm, '# TYPE $1 untyped'));
  }

  /** The families' names, e.g. to find Temporal's `temporal_…` series. */
  names(): string[] {
    return this.families.map((family) => family.name);
  }

  /** Whether the family is there (a gauge read at scrape time is left out when its read failed). */
  has(name: string): boolean {
    return this.families.some((family) => family.name === name);
  }

  /**
   * The sum of the family's samples whose labels include `labels`: a counter's or gauge's values, a histogram's
   * observation counts; 0 when none.
   */
  value(name: string, labels: Record<string, string> = {}): number {
    return this.samplesOf(name)
      .filter((sample) => Object.entries(labels).every(([key, value]) => sample.labels?.[key] === value))
      .reduce((sum, sample) => sum + Number(sample.value), 0);
  }

  /** The label sets of the family's samples (a histogram's, but for `le`). */
  labelsOf(name: string): Array<Record<string, string>> {
    return this.samplesOf(name).map((sample) => sample.labels ?? {});
  }

  private samplesOf(name: string): Family['metrics'] {
    const sampled = this.families.find((family) => family.name === name)?.type === 'HISTOGRAM' ? `${name}_count` : name;
    return this.plain.filter((family) => family.name === sampled).flatMap((family) => family.metrics);
  }
}
