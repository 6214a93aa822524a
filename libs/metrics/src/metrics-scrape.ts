import { Injectable, Logger } from '@nestjs/common';
import { Gauge, Registry } from 'prom-client';
import { collectProcessDefaults, processRegistry } from './process-registry';
import { scrapeFailures, type ScrapedGauge } from './series';

interface ReadGauge {
  definition: ScrapedGauge;
  read(gauge: Gauge): Promise<void>;
}

interface AppendedText {
  series: string;
  read: () => Promise<string>;
}

/**
 * What one app's `/metrics` serves: the process's series, the gauges this app reads at each scrape, and exposition
 * text served elsewhere (Temporal's runtime). A series that cannot be read is left out of that scrape (never shown as
 * 0, nor as its last value) and counted in `escalade_metrics_scrape_failures_total`; the others are served.
 */
@Injectable()
export class MetricsScrape {
  readonly contentType = processRegistry.contentType;
  private readonly logger = new Logger('Metrics');
  private readonly gauges: ReadGauge[] = [];
  private readonly appended: AppendedText[] = [];

  constructor() {
    collectProcessDefaults();
  }

  /** A gauge read afresh at each scrape: `read` sets its values (from a database, say). */
  gauge<Label extends string>(definition: ScrapedGauge<Label>, read: (gauge: Gauge<Label>) => Promise<void>): void {
    this.gauges.push({ definition, read });
  }

  /** Exposition text `read` fetches at each scrape, appended as it comes (its series are named `series`…). */
  append(series: string, read: () => Promise<string>): void {
    this.appended.push({ series, read });
  }

  async text(): Promise<string> {
    const [gauges, appended] = await Promise.all([this.readGauges(), Promise.all(this.appended.map((source) => this.readText(source)))]);
    return [await Registry.merge([processRegistry, gauges]).metrics(), ...appended].join('');
  }

  private async readGauges(): Promise<Registry> {
    const registry = new Registry();
    await Promise.all(
      this.gauges.map(async ({ definition, read }) => {
        const gauge = new Gauge({ ...definition, registers: [] });
        try {
          await read(gauge);
          registry.registerMetric(gauge);
        } catch (err) {
          this.failed(definition.name, err);
        }
      }),
    );
    return registry;
  }

  private async readText({ series, read }: AppendedText): Promise<string> {
    try {
      const text = await read();
      return text === '' || text.endsWith('\n') ? text : `${text}\n`;
    } catch (err) {
      this.failed(series, err);
      return '';
    }
  }

  private failed(series: string, err: unknown): void {
    scrapeFailures.inc({ series });
    this.logger.warn(`${series} left out of this scrape: ${(err as Error).message}`);
  }
}
