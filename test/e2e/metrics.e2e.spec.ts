import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import request from 'supertest';
import { aServiceRequest } from '@escalade/domain/testing';
import { startWebhookReceiver } from '@escalade/alerting/testing';
import { ScrapedMetrics } from '@escalade/metrics/testing';
import { APP_ARGS } from '../../tools/start';
import { freePort } from '../support/free-port';
import { ManagedProcess } from '../support/managed-process';
import { eventually } from '../faults/timing';
import { onEscaladeSystem } from '../support/escalade-system';

const TOKEN = 'e2e-metrics-token-0123456789abcdef';
/** A ticket of severity A breaches 7.2 s after it is filed. */
const TIME_SCALE = '0.001';

describe('/metrics as tickets flow: HTTP API + worker + Temporal dev server', () => {
  const e2e = onEscaladeSystem({ SLA_TIME_SCALE: TIME_SCALE, MICROSOFT_SUPPORT: 'in-process', METRICS_TOKEN: TOKEN });
  const http = () => e2e.system.http();
  /** The API's; the worker runs in this process too, so what it counts shows there as well. */
  const scrape = async () =>
    new ScrapedMetrics((await request(e2e.system.api.getHttpServer()).get('/metrics').auth(TOKEN, { type: 'bearer' }).expect(200)).text);
  /** How far each series moved between two scrapes. */
  const moved = (before: ScrapedMetrics, after: ScrapedMetrics, name: string, labels: Record<string, string> = {}) =>
    after.value(name, labels) - before.value(name, labels);

  it('answers 401 to a request without the metrics token, or with an API key', async () => {
    await request(e2e.system.api.getHttpServer()).get('/metrics').expect(401);
    await http().get('/metrics').expect(401);
  });

  it('moves the named series as a ticket is opened, warned, breached, escalated, alerted and closed', async () => {
    const receiver = await startWebhookReceiver([500, 200]);
    try {
      await http().post('/alert-subscriptions').send({ url: receiver.url, secret: 'metrics-e2e-secret', kinds: ['breach'] }).expect(201);
      const before = await scrape();

      await http().post('/service-requests').send({ ...aServiceRequest({ severity: 'A' }), requestId: 'metrics-1' }).expect(201);
      await e2e.system.waitForTicket('metrics-1', (t) => t.escalationLevel >= 1);
      // Counted as the activities store the events and send the alert (failed once, then delivered).
      const breached = await eventually(
        'the breach counted, alerted and open in the read model',
        async () => {
          const scraped = await scrape();
          const delivered = moved(before, scraped, 'escalade_alert_delivery_duration_seconds', { channel: 'json', outcome: 'delivered' });
          const open = moved(before, scraped, 'escalade_tickets_open', { status: 'awaiting-response', severity: 'A' });
          return delivered >= 1 && open === 1 && moved(before, scraped, 'escalade_escalations_total', { level: '1' }) === 1 ? scraped : undefined;
        },
        { timeoutMs: 30_000 },
      );
      expect(moved(before, breached, 'escalade_breach_warnings_total')).toBe(1);
      expect(moved(before, breached, 'escalade_sla_breaches_total')).toBe(1);
      expect(moved(before, breached, 'escalade_alert_delivery_duration_seconds', { channel: 'json', outcome: 'failed' })).toBe(1);
      expect(moved(before, breached, 'escalade_http_request_duration_seconds', { method: 'POST', route: '/service-requests', status: '201' })).toBe(1);
      expect(breached.labelsOf('escalade_http_request_duration_seconds').map((labels) => labels.route)).toContain('/service-requests/:id');
      expect(breached.text).not.toContain('metrics-1');

      await http().post('/service-requests/metrics-1/close').send({ resolution: 'Done' }).expect(200);
      await eventually(
        'the ticket no longer open in the read model',
        async () => (moved(before, await scrape(), 'escalade_tickets_open') === 0 ? true : undefined),
        { timeoutMs: 10_000 },
      );
    } finally {
      await receiver.close();
    }
  }, 60_000);

  it("serves the worker process's own /metrics: Temporal's runtime metrics and the projection's standing", async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'escalade-metrics-worker-'));
    const port = await freePort();
    const worker = new ManagedProcess({
      name: 'worker',
      command: process.execPath,
      args: APP_ARGS.worker,
      cwd: path.resolve(__dirname, '../..'),
      // Its own tables and task queue: only the Temporal server is shared.
      env: { ...process.env, DATA_DIR: dataDir, WORKER_PORT: String(port), TEMPORAL_TASK_QUEUE: `metrics-e2e-${process.pid}`, WORKER_SHUTDOWN_GRACE_MS: '0' },
      logFile: path.join(dataDir, 'worker.log'),
    });
    worker.start();
    try {
      const metrics = (token?: string) =>
        fetch(`http://127.0.0.1:${port}/metrics`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
      const scraped = await eventually(
        "the worker polling, with Temporal's series",
        async () => {
          const text = await (await metrics(TOKEN)).text();
          return new ScrapedMetrics(text).names().some((name) => name.startsWith('temporal_')) ? new ScrapedMetrics(text) : undefined;
        },
        { timeoutMs: 90_000, intervalMs: 1_000 },
      ).catch((err: Error) => Promise.reject(new Error(`${err.message}\n${worker.logTail()}`)));

      expect(scraped.value('escalade_projection_lag_events')).toBe(0);
      expect(scraped.value('escalade_projection_progress_ratio')).toBe(1);
      expect(scraped.has('escalade_projection_parked_events')).toBe(true);
      expect(scraped.has('process_cpu_seconds_total')).toBe(true);
      expect((await metrics()).status).toBe(401);
    } finally {
      await worker.terminate(15_000);
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  }, 120_000);
});
