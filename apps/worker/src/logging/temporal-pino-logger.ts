import type { LogLevel, LogMetadata, Logger } from '@temporalio/common';
import type { PinoLogger } from 'nestjs-pino';
import { ticketLogFields } from './ticket-log-fields';

const METHOD = { TRACE: 'trace', DEBUG: 'debug', INFO: 'info', WARN: 'warn', ERROR: 'error' } as const;

/**
 * Temporal's metadata as fields naming the ticket. An activity's run id, `workflowRunId` there, is `runId` as in a
 * workflow's lines; its task token, which completes the activity (a credential), is left out.
 */
function fieldsOf({ workflowRunId, taskToken: _taskToken, ...meta }: LogMetadata): Record<string, unknown> {
  const { workflowId, runId = workflowRunId } = meta;
  return typeof workflowId === 'string' ? { ...meta, ...ticketLogFields(workflowId, runId) } : meta;
}

/**
 * Temporal's logger (Runtime.install): the SDK's lines, the core's it forwards, and those of `log` in workflows and
 * activities, as pino lines naming the workflow, its run and its ticket.
 */
export class TemporalPinoLogger implements Logger {
  constructor(private readonly pino: Pick<PinoLogger, (typeof METHOD)[LogLevel]>) {}

  log(level: LogLevel, message: string, meta: LogMetadata = {}): void {
    this.pino[METHOD[level]](fieldsOf(meta), message);
  }

  trace(message: string, meta?: LogMetadata): void {
    this.log('TRACE', message, meta);
  }

  debug(message: string, meta?: LogMetadata): void {
    this.log('DEBUG', message, meta);
  }

  info(message: string, meta?: LogMetadata): void {
    this.log('INFO', message, meta);
  }

  warn(message: string, meta?: LogMetadata): void {
    this.log('WARN', message, meta);
  }

  error(message: string, meta?: LogMetadata): void {
    this.log('ERROR', message, meta);
  }
}
