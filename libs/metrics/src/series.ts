import { Counter, Histogram } from 'prom-client';
import { processRegistry } from './process-registry';

// Every Escalade series, in one place. Labels stay few-valued: routes as templates, channels, operations, outcomes;
// never a ticket, customer or partner.

const registers = [processRegistry];

/** What an HTTP request took, by route template (`/service-requests/:id`; `unmatched` before or without a route). */
export const httpRequestDuration = new Histogram({
  name: 'escalade_http_request_duration_seconds',
  help: 'API requests by method, route template and status',
  labelNames: ['method', 'route', 'status'] as const,
  registers,
});

export const slaBreaches = new Counter({
  name: 'escalade_sla_breaches_total',
  help: 'Response targets breached (SlaBreached events stored)',
  registers,
});

export const breachWarnings = new Counter({
  name: 'escalade_breach_warnings_total',
  help: 'Warnings that a response target is near (BreachWarningRaised events stored)',
  registers,
});

export const escalations = new Counter({
  name: 'escalade_escalations_total',
  help: 'Escalations raised (Escalated events stored), by level',
  labelNames: ['level'] as const,
  registers,
});

/** One attempt to deliver an alert, by channel (the subscription's format) and outcome (`delivered`, `failed`). */
export const alertDeliveryDuration = new Histogram({
  name: 'escalade_alert_delivery_duration_seconds',
  help: 'Alert delivery attempts by channel and outcome (delivered, failed)',
  labelNames: ['channel', 'outcome'] as const,
  registers,
});

/**
 * One call to Partner Center (each page of a listing is one), token renewal included, by operation and outcome: `ok`,
 * or the error's class (`rejected`, `credentials`, `throttled`, `unavailable`, `error`).
 */
export const partnerCenterRequestDuration = new Histogram({
  name: 'escalade_partner_center_request_duration_seconds',
  help: 'Partner Center calls by operation and outcome (ok, rejected, credentials, throttled, unavailable, error)',
  labelNames: ['operation', 'outcome'] as const,
  buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 15, 30],
  registers,
});

/** A series an app reads at each scrape (from its database): `/metrics` shows nothing of it when the read fails. */
export const scrapeFailures = new Counter({
  name: 'escalade_metrics_scrape_failures_total',
  help: 'Series that could not be read at a scrape, by series',
  labelNames: ['series'] as const,
  registers,
});

/** A gauge an app reads at each scrape (see MetricsScrape.gauge): its name, help and labels. */
export interface ScrapedGauge<Label extends string = string> {
  name: string;
  help: string;
  labelNames: readonly Label[];
}

export const TICKETS_OPEN: ScrapedGauge<'status' | 'severity'> = {
  name: 'escalade_tickets_open',
  help: 'Tickets not closed, by status and severity (the tickets read model)',
  labelNames: ['status', 'severity'],
};

export const PROJECTION_LAG: ScrapedGauge<never> = {
  name: 'escalade_projection_lag_events',
  help: 'Events the tickets read model is behind the event log head (positions between its checkpoint and the head)',
  labelNames: [],
};

export const PROJECTION_PROGRESS: ScrapedGauge<never> = {
  name: 'escalade_projection_progress_ratio',
  help: 'Share of the event log the tickets read model has folded (checkpoint / head): climbs from 0 to 1 during a rebuild',
  labelNames: [],
};

export const PROJECTION_PARKED: ScrapedGauge<never> = {
  name: 'escalade_projection_parked_events',
  help: 'Events the tickets projection parked instead of folding (GET /projections/parked)',
  labelNames: [],
};
