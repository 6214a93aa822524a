import { captureStdout, type CapturedStdout, type LogLine } from '@escalade/logging/testing';
import { startProbeApp, type ProbeApp } from './testing/probe-app';

const SECRET = 'sk-4f1c9e-never-in-a-log';

describe('access log (createApiApp, LOG_FORMAT=json)', () => {
  let probe: ProbeApp;
  let stdout: CapturedStdout;

  beforeAll(async () => {
    stdout = captureStdout();
    probe = await startProbeApp({ LOG_FORMAT: 'json' }, ['log', 'warn', 'error']);
  });
  afterAll(async () => {
    await probe?.close();
    stdout.restore();
  });

  const linesOf = (reqId: string): LogLine[] => stdout.lines().filter((line) => line.reqId === reqId);

  it('writes one line a request once answered, under the id of its X-Request-Id: method, route, status and duration', async () => {
    await probe.http().post('/service-requests/INC-9/notes').set('x-request-id', 'trace-note').send({ text: 'hi' }).expect(201);

    expect(linesOf('trace-note')).toEqual([
      expect.objectContaining({
        level: 'info',
        name: 'api',
        method: 'POST',
        route: '/service-requests/:id/notes',
        status: 201,
        durationMs: expect.any(Number),
        msg: 'POST /service-requests/:id/notes 201',
      }),
    ]);
  });

  it('logs the requests refused before any route too', async () => {
    const { headers } = await probe.http().post('/probe').type('form').send('a=1').expect(415);

    expect(linesOf(headers['x-request-id'])).toEqual([expect.objectContaining({ level: 'info', method: 'POST', route: '/probe', status: 415 })]);
  });

  it('names the request in every line it logs, an error included, at error', async () => {
    await probe.http().get('/bug').set('x-request-id', 'trace-bug').expect(500);

    expect(linesOf('trace-bug')).toEqual([
      expect.objectContaining({ level: 'error', context: 'ApiExceptionFilter', err: expect.objectContaining({ message: expect.stringContaining('secret internals') }) }),
      expect.objectContaining({ level: 'error', route: '/bug', status: 500 }),
    ]);
  });

  it('never writes credentials, the query string or the body', async () => {
    await probe
      .http()
      .post(`/bug?access_token=${SECRET}`)
      .set('authorization', `Bearer ${SECRET}`)
      .set('x-api-key', SECRET)
      .set('cookie', `escalade_session=${SECRET}`)
      .send({ password: SECRET, contact: { email: 'ada@fabrikam.com' } })
      .expect(500);
    await probe.http().get(`/probe?token=${SECRET}`).expect(200);

    expect(stdout.lines().length).toBeGreaterThanOrEqual(3);
    expect(stdout.text()).not.toContain(SECRET);
    expect(stdout.text()).not.toContain('ada@fabrikam.com');
  });
});
