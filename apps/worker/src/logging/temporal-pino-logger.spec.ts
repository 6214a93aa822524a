import { TemporalPinoLogger } from './temporal-pino-logger';

describe('TemporalPinoLogger', () => {
  const written: Array<[string, unknown, string | undefined]> = [];
  const record = (level: string) => (fields: unknown, message?: string) => {
    written.push([level, fields, message]);
  };
  const logger = new TemporalPinoLogger({ trace: record('trace'), debug: record('debug'), info: record('info'), warn: record('warn'), error: record('error') });
  beforeEach(() => (written.length = 0));

  it("writes a workflow's line with its ids and its ticket's", () => {
    logger.warn('following Microsoft failed', { sdkComponent: 'workflow', workflowId: 'service-request-p~INC-1', runId: 'run-1' });

    expect(written).toEqual([
      ['warn', { sdkComponent: 'workflow', workflowId: 'service-request-p~INC-1', runId: 'run-1', ticketKey: 'p~INC-1', ticketId: 'INC-1' }, 'following Microsoft failed'],
    ]);
  });

  it("names an activity's run as a workflow's, and leaves its task token out", () => {
    logger.debug('Activity completed', { activityType: 'handOffToMicrosoft', taskToken: 'Cg1zZWNyZXQ=', workflowId: 'service-request-p~INC-1', workflowRunId: 'run-2' });

    expect(written).toEqual([
      ['debug', { activityType: 'handOffToMicrosoft', workflowId: 'service-request-p~INC-1', runId: 'run-2', ticketKey: 'p~INC-1', ticketId: 'INC-1' }, 'Activity completed'],
    ]);
  });

  it("writes the worker's own lines as they come, at their level", () => {
    logger.log('INFO', 'Worker state changed', { state: 'RUNNING' });
    logger.error('core warning');

    expect(written).toEqual([
      ['info', { state: 'RUNNING' }, 'Worker state changed'],
      ['error', {}, 'core warning'],
    ]);
  });
});
