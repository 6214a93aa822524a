import { Injectable, type OnModuleInit } from '@nestjs/common';
import { SEVERITIES, TICKET_STATUSES } from '@escalade/domain';
import { MetricsScrape, TICKETS_OPEN } from '@escalade/metrics';
import { TicketsQuery } from '@escalade/persistence';

const OPEN_STATUSES = TICKET_STATUSES.filter((status) => status !== 'closed');

/** `escalade_tickets_open`, counted in the tickets read model at each scrape: every open status and severity, 0 included. */
@Injectable()
export class OpenTicketsGauge implements OnModuleInit {
  constructor(
    private readonly scrape: MetricsScrape,
    private readonly tickets: TicketsQuery,
  ) {}

  onModuleInit(): void {
    this.scrape.gauge(TICKETS_OPEN, async (gauge) => {
      const counts = await this.tickets.countOpen();
      for (const status of OPEN_STATUSES) {
        for (const severity of SEVERITIES) {
          gauge.set({ status, severity }, counts.find((c) => c.status === status && c.severity === severity)?.count ?? 0);
        }
      }
    });
  }
}
