import { Controller, Get, type INestApplication, Logger, type MessageEvent, NotFoundException, Post, Sse } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import type { Observable } from 'rxjs';
import request from 'supertest';
import { ApiExceptionFilter } from './api-exception.filter';
import { closedPort, postgresAt, rejectionOf, sqliteBusyError } from './testing/real-errors';

let refused: Error;
let busy: Error;

@Controller('probe')
class ProbeController {
  @Get('database-down')
  databaseDown(): never {
    throw refused;
  }

  @Get('sqlite-busy')
  async sqliteBusy(): Promise<never> {
    throw busy;
  }

  @Get('not-found')
  notFound(): never {
    throw new NotFoundException('No service request with id "T1"');
  }

  @Get('bug')
  bug(): never {
    throw new Error('secret internals: password=hunter2');
  }

  @Post('echo')
  echo(): string {
    return 'never reached with a malformed body';
  }

  /** Like the API's streams, which read the database before they start: no header goes out before that fails. */
  @Sse('stream')
  async stream(): Promise<Observable<MessageEvent>> {
    await new Promise((resolve) => setTimeout(resolve, 50));
    throw refused;
  }
}

describe('ApiExceptionFilter', () => {
  let app: INestApplication;
  const http = () => request(app.getHttpServer());

  beforeAll(async () => {
    refused = await rejectionOf(postgresAt(await closedPort()).initialize());
    busy = await sqliteBusyError();
    const moduleRef = await Test.createTestingModule({ controllers: [ProbeController] }).compile();
    app = moduleRef.createNestApplication({ logger: false });
    app.useGlobalFilters(new ApiExceptionFilter(app.getHttpAdapter()));
    await app.init();
  });

  afterAll(() => app?.close());

  const unavailable = {
    statusCode: 503,
    error: 'Service Unavailable',
    message: 'The database is unavailable; retry shortly',
    dependency: 'database',
  };

  it('answers 503 naming the database, with Retry-After, when PostgreSQL refuses the connection', async () => {
    const res = await http().get('/probe/database-down').expect(503);
    expect(res.body).toEqual(unavailable);
    expect(res.headers['retry-after']).toBe('5');
  });

  it('answers 503 for SQLite locked past its busy timeout', async () => {
    await http().get('/probe/sqlite-busy').expect(503, unavailable).expect('Retry-After', '5');
  });

  it('passes HTTP exceptions through as they are', async () => {
    const res = await http().get('/probe/not-found').expect(404);
    expect(res.body).toEqual({ statusCode: 404, error: 'Not Found', message: 'No service request with id "T1"' });
    expect(res.headers['retry-after']).toBeUndefined();
  });

  it("passes the body parser's errors through (400 for malformed JSON)", async () => {
    await http().post('/probe/echo').set('content-type', 'application/json').send('{"a":').expect(400);
  });

  it('answers anything else with a bare 500, logging it and never showing it', async () => {
    const logged = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    try {
      const res = await http().get('/probe/bug').expect(500);
      expect(res.body).toEqual({ statusCode: 500, error: 'Internal Server Error', message: 'Internal server error' });
      expect(logged).toHaveBeenCalledWith(expect.objectContaining({ message: 'secret internals: password=hunter2' }));
    } finally {
      logged.mockRestore();
    }
  });

  it('answers 503 for a Server-Sent Events route that fails before its stream starts', async () => {
    await http().get('/probe/stream').expect(503, unavailable).expect('Retry-After', '5');
  });
});
