import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { NotFoundException } from '@nestjs/common';
import Database from 'better-sqlite3';
import { DataSource, QueryFailedError } from 'typeorm';
import { asDependencyUnavailable, DependencyUnavailableException, unavailableDependency } from './dependency-unavailable';
import { closedPort, postgresAt, rejectionOf, rogueServer, sqliteBusyError, temporalClientAt } from './testing/real-errors';

describe('unavailableDependency, on real errors', () => {
  describe('PostgreSQL unreachable (node-postgres through TypeORM)', () => {
    it('names the database when the connection is refused', async () => {
      const err = await rejectionOf(postgresAt(await closedPort()).initialize());
      expect(err).toMatchObject({ code: 'ECONNREFUSED' });
      expect(unavailableDependency(err)).toBe('database');
    });

    it('names the database when the server drops the connection', async () => {
      const server = await rogueServer((socket) => socket.destroy());
      try {
        const err = await rejectionOf(postgresAt(server.port).initialize());
        expect(err.message).toMatch(/^Connection terminated/);
        expect(unavailableDependency(err)).toBe('database');
      } finally {
        await server.close();
      }
    });

    it('names the database when the server never answers within connectionTimeoutMillis', async () => {
      const server = await rogueServer(() => undefined);
      try {
        const err = await rejectionOf(postgresAt(server.port, { connectionTimeoutMillis: 200 }).initialize());
        expect(err.message).toMatch(/timeout/);
        expect(unavailableDependency(err)).toBe('database');
      } finally {
        await server.close();
      }
    });
  });

  const postgresUrl = process.env.TEST_DATABASE_URL;
  (postgresUrl ? describe : describe.skip)('PostgreSQL answering (TEST_DATABASE_URL)', () => {
    const open = (extra: Record<string, unknown> = {}) => new DataSource({ type: 'postgres', url: postgresUrl, extra }).initialize();
    let dataSource: DataSource | undefined;
    afterEach(async () => {
      await dataSource?.destroy().catch(() => undefined);
      dataSource = undefined;
    });

    it('names the database when the server ends the session (57P01, as when it shuts down)', async () => {
      dataSource = await open();
      const err = await rejectionOf(dataSource.query('SELECT pg_terminate_backend(pg_backend_pid())'));
      expect(err).toBeInstanceOf(QueryFailedError);
      expect(err).toMatchObject({ code: '57P01' });
      expect(unavailableDependency(err)).toBe('database');
    });

    it('names the database when a statement outlives statement_timeout (57014) or query_timeout', async () => {
      dataSource = await open({ statement_timeout: 50 });
      const cancelled = await rejectionOf(dataSource.query('SELECT pg_sleep(1)'));
      expect(cancelled).toMatchObject({ code: '57014' });
      expect(unavailableDependency(cancelled)).toBe('database');
      await dataSource.destroy();

      dataSource = await open({ query_timeout: 50 });
      const unanswered = await rejectionOf(dataSource.query('SELECT pg_sleep(1)'));
      expect(unanswered).toBeInstanceOf(QueryFailedError);
      expect(unanswered.message).toBe('Query read timeout');
      expect(unavailableDependency(unanswered)).toBe('database');
    });

    it('leaves a bad query alone', async () => {
      dataSource = await open();
      const err = await rejectionOf(dataSource.query('SELEC 1'));
      expect(err).toMatchObject({ code: '42601' });
      expect(unavailableDependency(err)).toBeUndefined();
    });
  });

  describe('SQLite (better-sqlite3)', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'escalade-sqlite-errors-'));
    afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

    it('names the database when the file stays locked past the busy timeout', async () => {
      const err = await sqliteBusyError();
      expect(err).toMatchObject({ code: 'SQLITE_BUSY' });
      expect(unavailableDependency(err)).toBe('database');
    });

    it('names the database when the file cannot be opened', () => {
      let err: unknown;
      try {
        new Database(path.join(dir, 'missing.sqlite'), { fileMustExist: true });
      } catch (caught) {
        err = caught;
      }
      expect(err).toMatchObject({ code: 'SQLITE_CANTOPEN' });
      expect(unavailableDependency(err)).toBe('database');
    });

    it('leaves a constraint violation and a bad query alone', async () => {
      const dataSource = await new DataSource({ type: 'better-sqlite3', database: path.join(dir, 'ok.sqlite') }).initialize();
      try {
        await dataSource.query('CREATE TABLE t (id INTEGER PRIMARY KEY)');
        await dataSource.query('INSERT INTO t (id) VALUES (1)');
        const duplicate = await rejectionOf(dataSource.query('INSERT INTO t (id) VALUES (1)'));
        expect(duplicate).toMatchObject({ code: expect.stringMatching(/^SQLITE_CONSTRAINT/) });
        expect(unavailableDependency(duplicate)).toBeUndefined();
        expect(unavailableDependency(await rejectionOf(dataSource.query('SELEC 1')))).toBeUndefined();
      } finally {
        await dataSource.destroy();
      }
    });
  });

  describe('Temporal (@temporalio/client)', () => {
    // The client retries an unreachable server for tens of seconds; a deadline bounds it, as the API's calls are bounded.
    it('names Temporal when no server listens at its address', async () => {
      const client = temporalClientAt(await closedPort());
      const soon = <T>(call: () => Promise<T>) => client.connection.withDeadline(Date.now() + 2_000, call);
      try {
        const err = await rejectionOf(soon(() => client.workflow.getHandle('service-request-T1').describe()));
        expect(unavailableDependency(err)).toBe('temporal');
        const direct = await rejectionOf(soon(() => client.workflowService.getSystemInfo({})));
        expect(unavailableDependency(direct)).toBe('temporal');
      } finally {
        await client.connection.close();
      }
    }, 15_000);
  });

  it('leaves programming errors alone', () => {
    expect(unavailableDependency(new TypeError("Cannot read properties of undefined (reading 'id')"))).toBeUndefined();
    expect(unavailableDependency(new Error('boom'))).toBeUndefined();
    expect(unavailableDependency(undefined)).toBeUndefined();
  });
});

describe('asDependencyUnavailable', () => {
  it("makes a 503 naming the dependency, with the error as its cause", async () => {
    const refused = await rejectionOf(postgresAt(await closedPort()).initialize());
    const mapped = asDependencyUnavailable(refused);
    expect(mapped).toBeInstanceOf(DependencyUnavailableException);
    expect(mapped).toMatchObject({ dependency: 'database', cause: refused, retryAfterSeconds: 5 });
    expect((mapped as DependencyUnavailableException).getResponse()).toEqual({
      statusCode: 503,
      error: 'Service Unavailable',
      message: 'The database is unavailable; retry shortly',
      dependency: 'database',
    });
  });

  it('leaves HTTP exceptions and other errors as they are', async () => {
    const notFound = new NotFoundException('No service request with id "T1"', { cause: await rejectionOf(postgresAt(await closedPort()).initialize()) });
    expect(asDependencyUnavailable(notFound)).toBe(notFound);
    const bug = new Error('boom');
    expect(asDependencyUnavailable(bug)).toBe(bug);
  });
});
