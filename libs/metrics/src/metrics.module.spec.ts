import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Injectable, type INestApplication, Module, type OnModuleInit } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { NestFactory } from '@nestjs/core';
import request from 'supertest';
import { MetricsModule } from './metrics.module';
import { MetricsScrape } from './metrics-scrape';
import { METRICS_TOKEN_FILE } from './metrics-token';
import { TICKETS_OPEN, PROJECTION_LAG } from './series';
import { ScrapedMetrics } from './testing/scraped-metrics';

const TOKEN = 'a-metrics-token-of-32-characters';

/** An app's own series: one read from "its database", one whose read fails, and text from elsewhere. */
@Injectable()
class SomeGauges implements OnModuleInit {
  constructor(private readonly scrape: MetricsScrape) {}

  onModuleInit(): void {
    this.scrape.gauge(TICKETS_OPEN, async (gauge) => gauge.set({ status: 'awaiting-response', severity: 'A' }, 3));
    this.scrape.gauge(PROJECTION_LAG, () => Promise.reject(new Error('database down')));
    this.scrape.append('temporal_', async () => '# TYPE temporal_worker_start counter\ntemporal_worker_start 1');
    this.scrape.append('other_', () => Promise.reject(new Error('connection refused')));
  }
}

async function appWith(settings: Record<string, string>): Promise<INestApplication> {
  @Module({
    imports: [ConfigModule.forRoot({ isGlobal: true, ignoreEnvFile: true, load: [() => settings] }), MetricsModule.forRoot()],
    providers: [SomeGauges],
  })
  class AppModule {}
  const app = await NestFactory.create(AppModule, { logger: false });
  return app.init();
}

describe('MetricsModule: GET /metrics', () => {
  let dataDir: string;
  let app: INestApplication | undefined;
  beforeEach(() => (dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'escalade-metrics-'))));
  afterEach(async () => {
    await app?.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('given METRICS_TOKEN, serves the bearer of it in Prometheus text, and 401 with a challenge without it or with another', async () => {
    app = await appWith({ NODE_ENV: 'production', DATA_DIR: dataDir, METRICS_TOKEN: TOKEN });
    const http = request(app.getHttpServer());

    const missing = await http.get('/metrics').expect(401);
    expect(missing.headers['www-authenticate']).toBe('Bearer realm="escalade-metrics"');
    expect(missing.body.message).toBe('Send the metrics token: Authorization: Bearer <METRICS_TOKEN>');
    expect((await http.get('/metrics').auth(`${TOKEN}x`, { type: 'bearer' }).expect(401)).body.message).toBe('Not the metrics token');

    const { headers, text } = await http.get('/metrics').auth(TOKEN, { type: 'bearer' }).expect(200);
    expect(headers['content-type']).toMatch(/^text\/plain;.*version=0\.0\.4/);
    const scraped = new ScrapedMetrics(text);
    expect(scraped.has('escalade_http_request_duration_seconds')).toBe(true);
    expect(scraped.has('process_cpu_seconds_total')).toBe(true);
    expect(fs.existsSync(path.join(dataDir, METRICS_TOKEN_FILE))).toBe(false);
  });

  it('given a read at scrape time that fails, leaves that series out, counts it, and serves the others', async () => {
    app = await appWith({ NODE_ENV: 'development', DATA_DIR: dataDir, METRICS_TOKEN: TOKEN });
    const before = new ScrapedMetrics((await request(app.getHttpServer()).get('/metrics').auth(TOKEN, { type: 'bearer' })).text);
    const { text } = await request(app.getHttpServer()).get('/metrics').auth(TOKEN, { type: 'bearer' }).expect(200);

    const scraped = new ScrapedMetrics(text);
    expect(scraped.value('escalade_tickets_open', { status: 'awaiting-response', severity: 'A' })).toBe(3);
    expect(scraped.value('temporal_worker_start')).toBe(1);
    expect(scraped.labelsOf('escalade_projection_lag_events')).toEqual([]);
    for (const series of ['escalade_projection_lag_events', 'other_']) {
      expect(scraped.value('escalade_metrics_scrape_failures_total', { series })).toBe(before.value('escalade_metrics_scrape_failures_total', { series }) + 1);
    }
  });

  it('given local mode without METRICS_TOKEN, makes a token in DATA_DIR/metrics.token (0600) and serves its bearer', async () => {
    app = await appWith({ NODE_ENV: 'development', DATA_DIR: dataDir });
    const file = path.join(dataDir, METRICS_TOKEN_FILE);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    const token = fs.readFileSync(file, 'utf8').trim();
    expect(token).toMatch(/^[\w-]{43}$/);

    await request(app.getHttpServer()).get('/metrics').auth(token, { type: 'bearer' }).expect(200);
    await request(app.getHttpServer()).get('/metrics').auth(TOKEN, { type: 'bearer' }).expect(401);
  });

  it('given production without METRICS_TOKEN, answers 404 naming the setting, whatever is sent', async () => {
    app = await appWith({ NODE_ENV: 'production', DATA_DIR: dataDir });
    const { body } = await request(app.getHttpServer()).get('/metrics').auth(TOKEN, { type: 'bearer' }).expect(404);
    expect(body.message).toBe('metrics are off: set METRICS_TOKEN');
    expect(fs.existsSync(path.join(dataDir, METRICS_TOKEN_FILE))).toBe(false);
  });
});
