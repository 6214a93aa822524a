import { Injectable, type OnModuleInit } from '@nestjs/common';
import { MetricsScrape, PROJECTION_LAG, PROJECTION_PARKED, PROJECTION_PROGRESS } from '@escalade/metrics';
import { TicketsProjection } from '@escalade/persistence';

/** Where the tickets read model stands against the event log, read at each scrape: its lag, its progress (a rebuild's), what it parked. */
@Injectable()
export class ProjectionGauges implements OnModuleInit {
  constructor(
    private readonly scrape: MetricsScrape,
    private readonly projection: TicketsProjection,
  ) {}

  onModuleInit(): void {
    this.scrape.gauge(PROJECTION_LAG, async (gauge) => gauge.set((await this.projection.status()).lag));
    this.scrape.gauge(PROJECTION_PROGRESS, async (gauge) => {
      const { checkpoint, head } = await this.projection.status();
      gauge.set(head === 0 ? 1 : Math.min(1, checkpoint / head));
    });
    this.scrape.gauge(PROJECTION_PARKED, async (gauge) => gauge.set((await this.projection.status()).parked));
  }
}
