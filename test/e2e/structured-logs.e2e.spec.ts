import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { LOCAL_ADMIN_KEY_FILE } from '@escalade/api';
import { aServiceRequest } from '@escalade/domain/testing';
import type { LogLine } from '@escalade/logging/testing';
import { freePort } from '../support/free-port';
import { AppProcess } from '../support/app-process';
import { startDevServer } from '../support/temporal-servers';

/** The partner tenant of aServiceRequest(). */
const PARTNER = '22222222-2222-2222-2222-222222222222';
const SECRET = 'sk-7d2e41-never-in-a-log';

describe('structured logs (LOG_FORMAT=json): the API and the worker in their own processes, as npm start runs them', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'escalade-logs-'));
  let temporal: TestWorkflowEnvironment;
  let worker: AppProcess;
  let api: AppProcess;
  let url: string;
  let adminKey: string;

  beforeAll(async () => {
    temporal = await startDevServer();
    const [port, workerPort] = await Promise.all([freePort(), freePort()]);
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      NODE_ENV: 'development',
      LOG_FORMAT: 'json',
      DATA_DIR: dataDir,
      PORT: String(port),
      WORKER_PORT: String(workerPort),
      TEMPORAL_ADDRESS: temporal.address,
      TEMPORAL_NAMESPACE: temporal.namespace ?? 'default',
      TEMPORAL_TASK_QUEUE: `logs-${process.pid}`,
      MICROSOFT_SUPPORT: 'in-process',
    };
    delete env.DATABASE_URL;
    // Temporal's own lines about activities are at debug; the worker applies the migrations, so it starts first.
    worker = new AppProcess('worker', { ...env, LOG_LEVEL: 'debug' });
    await worker.waitForLine((line) => /^polling task queue/.test(line.msg ?? ''), 90_000);
    api = new AppProcess('api', env);
    await api.waitForLine((line) => /^Escalade API on/.test(line.msg ?? ''));
    url = `http://127.0.0.1:${port}`;
    adminKey = fs.readFileSync(path.join(dataDir, LOCAL_ADMIN_KEY_FILE), 'utf8').trim();
  }, 150_000);

  afterAll(async () => {
    await api?.stop();
    await worker?.stop();
    await temporal?.teardown();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  const linesOf = (app: AppProcess, reqId: string | null): LogLine[] => app.lines().filter((line) => line.reqId === reqId);

  it("names a request in its lines by the id of its X-Request-Id, the caller's or the API's", async () => {
    const opened = await fetch(`${url}/service-requests`, {
      method: 'POST',
      headers: { authorization: `Bearer ${adminKey}`, 'content-type': 'application/json', 'x-request-id': 'logs-open-1' },
      body: JSON.stringify({ ...aServiceRequest(), requestId: 'logs-1' }),
    });
    expect(opened.status).toBe(201);
    expect(opened.headers.get('x-request-id')).toBe('logs-open-1');
    const unknown = await fetch(`${url}/service-requests/nowhere`, { headers: { authorization: `Bearer ${adminKey}` } });
    const assigned = unknown.headers.get('x-request-id');

    await api.waitForLine((line) => line.reqId === assigned);
    expect(linesOf(api, 'logs-open-1')).toEqual([
      expect.objectContaining({ level: 'info', name: 'api', method: 'POST', route: '/service-requests', status: 201, durationMs: expect.any(Number) }),
    ]);
    expect(linesOf(api, assigned)).toEqual([expect.objectContaining({ level: 'info', route: '/service-requests/:id', status: 404 })]);
  });

  it('names the workflow, its run and its ticket in the worker\'s lines about it, Temporal\'s own included', async () => {
    const workflowId = `service-request-${PARTNER}~logs-1`;
    await worker.waitForLine((line) => line.workflowId === workflowId && line.activityType === 'handOffToMicrosoft');

    const lines = worker.lines().filter((line) => line.workflowId === workflowId);
    expect(lines.length).toBeGreaterThan(1);
    for (const line of lines) {
      expect(line).toMatchObject({ name: 'worker', runId: expect.any(String), ticketId: 'logs-1', ticketKey: `${PARTNER}~logs-1` });
    }
    expect(lines).toContainEqual(expect.objectContaining({ context: 'Temporal', sdkComponent: 'worker' }));
  });

  it('never writes a credential or personal data sent in a request', async () => {
    const refused = await fetch(`${url}/service-requests?access_token=${SECRET}`, {
      headers: { authorization: `Bearer ${SECRET}`, 'x-api-key': SECRET, cookie: `escalade_session=${SECRET}` },
    });
    expect(refused.status).toBe(401);
    await api.waitForLine((line) => line.reqId === refused.headers.get('x-request-id'));

    for (const app of [api, worker]) {
      expect(app.text()).not.toContain(SECRET);
      expect(app.text()).not.toContain(aServiceRequest().contact.email);
    }
    // Local mode's sign-in link is the one line with the admin key, as `npm start` shows it.
    expect(api.lines().filter((line) => JSON.stringify(line).includes(adminKey))).toEqual([
      expect.objectContaining({ msg: expect.stringMatching(/^LOCAL MODE .* signs in with /) }),
    ]);
  });

  it('writes nothing but JSON lines to stdout', () => {
    expect(api.lines().length).toBeGreaterThan(10);
    expect(worker.lines().length).toBeGreaterThan(10);
  });
});
