import * as net from 'node:net';
import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { MetricsExporterConfig } from '@temporalio/worker';
import { MetricsScrape } from '@escalade/metrics';

/** How long a scrape waits for the core's own exporter. */
const CORE_SCRAPE_TIMEOUT_MS = 2_000;

/** A port nothing listens on now, on loopback: the core's exporter binds it as the runtime is installed. */
async function freeLoopbackPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/**
 * Temporal's runtime metrics (`temporal_…`: task latencies, pollers, slots, the sticky cache …), under the names and
 * units the SDK gives them, so Temporal's own SDK dashboards apply. The core serves them in Prometheus' format on a
 * loopback port of its own; the worker's `/metrics` reads them there at each scrape and appends them.
 */
@Injectable()
export class TemporalRuntimeMetrics implements OnModuleInit {
  /** Where the core serves them, once a runtime was installed with our exporter. */
  private url?: string;

  constructor(private readonly scrape: MetricsScrape) {}

  onModuleInit(): void {
    this.scrape.append('temporal_', () => this.text());
  }

  /**
   * Runs `install` (Runtime.install) with a Prometheus exporter on a free loopback port; once it has returned, `/metrics`
   * appends what the exporter serves. A runtime made before (a test's Temporal server, in its process) has none.
   */
  async installWith(install: (metrics: MetricsExporterConfig) => void): Promise<void> {
    const bindAddress = `127.0.0.1:${await freeLoopbackPort()}`;
    install({ prometheus: { bindAddress } });
    this.url = `http://${bindAddress}/metrics`;
  }

  private async text(): Promise<string> {
    if (!this.url) return '';
    const response = await fetch(this.url, { signal: AbortSignal.timeout(CORE_SCRAPE_TIMEOUT_MS) });
    if (!response.ok) throw new Error(`Temporal's exporter answered HTTP ${response.status}`);
    return response.text();
  }
}
