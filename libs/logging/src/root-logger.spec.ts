import { Writable } from 'node:stream';
import { createRootLogger, type RootLoggerOptions } from './root-logger';

/** A worker's root logger (JSON, info, unless `options` say otherwise) writing into `written`. */
function loggerInto(written: string[], options: Partial<RootLoggerOptions> = {}) {
  const out = new Writable({
    write(chunk, _encoding, done) {
      written.push(String(chunk));
      done();
    },
  });
  return createRootLogger({ name: 'worker', format: 'json', level: 'info', ...options }, out);
}

describe('createRootLogger', () => {
  it('writes a JSON object a line: level by name, ISO time, the process, the fields and the message', () => {
    const written: string[] = [];
    loggerInto(written).info({ context: 'TicketsProjector', behind: 3 }, 'catching up');

    expect(written).toHaveLength(1);
    expect(JSON.parse(written[0])).toEqual({
      level: 'info',
      time: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
      pid: process.pid,
      hostname: expect.any(String),
      name: 'worker',
      context: 'TicketsProjector',
      behind: 3,
      msg: 'catching up',
    });
  });

  it("adds the fields of where a line is logged (mixin) to every line, under the line's own", () => {
    const written: string[] = [];
    const logger = loggerInto(written, { mixin: () => ({ workflowId: 'w-1', ticketId: 'INC-1' }) });
    logger.info('filed');
    logger.info({ ticketId: 'INC-2' }, 'filed');

    expect(written.map((line) => JSON.parse(line))).toEqual([
      expect.objectContaining({ workflowId: 'w-1', ticketId: 'INC-1' }),
      expect.objectContaining({ workflowId: 'w-1', ticketId: 'INC-2' }),
    ]);
  });

  it('writes nothing below its level', () => {
    const written: string[] = [];
    const logger = loggerInto(written, { level: 'warn' });
    logger.info('not this');
    logger.warn('this');

    expect(written.map((line) => JSON.parse(line).msg)).toEqual(['this']);
  });

  it('writes a readable line in pretty format, the context before the message', () => {
    const written: string[] = [];
    loggerInto(written, { format: 'pretty' }).info({ context: 'TicketsProjector' }, 'catching up');

    expect(written).toHaveLength(1);
    expect(() => JSON.parse(written[0])).toThrow();
    expect(written[0]).toMatch(/INFO.*\(worker\).*\[TicketsProjector\] catching up/);
  });

  it('redacts credentials, secrets and personal data wherever they sit, and nothing else', () => {
    const written: string[] = [];
    loggerInto(written).error(
      {
        headers: { authorization: 'Bearer h-1', cookie: 'escalade_session=h-2', 'x-api-key': 'h-3', accept: 'application/json' },
        DATABASE_URL: 'postgres://escalade:s-1@db/escalade',
        SMTP_URL: 'smtps://alerts:s-6@mail.example.com',
        err: { message: 'refused', cause: { refresh_token: 's-2', client_secret: 's-3' } },
        delivery: { id: 'delivery-1', url: 'https://hooks.slack.com/services/s-4', secret: 's-5' },
        subscription: { id: 'subscription-1', format: 'email', email: 'p-6' },
        request: {
          title: 'VMs down',
          contact: { name: 'p-1', email: 'p-2', phone: 'p-3' },
          customer: { tenantId: '11111111-1111-1111-1111-111111111111', name: 'p-4', domain: 'p-5' },
        },
      },
      'delivery failed',
    );

    const [line] = written;
    expect(line).not.toMatch(/[hsp]-\d/);
    expect(JSON.parse(line)).toMatchObject({
      headers: { authorization: '[Redacted]', accept: 'application/json' },
      delivery: { id: 'delivery-1', url: '[Redacted]' },
      request: { title: 'VMs down', customer: { tenantId: '11111111-1111-1111-1111-111111111111', name: '[Redacted]' } },
    });
  });
});
