import { Logger } from '@nestjs/common';
import { healthFailure } from './health-failure';
import { HealthTimeoutError } from './health-timeout';

/** A gRPC error as @grpc/grpc-js makes them (the Temporal client's). */
const grpcError = (code: number, details: string) => Object.assign(new Error(`${code} ${details}`), { code, details, metadata: {} });

describe('healthFailure', () => {
  let warnings: string[];

  beforeEach(() => {
    warnings = [];
    jest.spyOn(Logger.prototype, 'warn').mockImplementation((message: unknown) => void warnings.push(String(message)));
  });
  afterEach(() => jest.restoreAllMocks());

  it.each([
    ['our own time-out', new HealthTimeoutError(), 'timed out'],
    ['a gRPC deadline, as the cause', new Error('call failed', { cause: grpcError(4, 'Deadline exceeded after 2.001s') }), 'timed out'],
    ['a refused connection to the database', Object.assign(new Error('connect ECONNREFUSED 10.0.0.7:5432'), { code: 'ECONNREFUSED' }), 'unreachable'],
    ['an unavailable Temporal server', grpcError(14, 'No connection established. Last error: connect ECONNREFUSED 10.0.0.8:7233'), 'unreachable'],
    ['anything else', new Error('SQLITE_ERROR: no such table: tickets (password=hunter2)'), 'failed'],
  ])('tells %s by its class only, logging its words', (_what, err, failure) => {
    expect(healthFailure('database', err)).toBe(failure);
    expect(warnings).toEqual([`database check ${failure}: ${err.message}`]);
  });
});
