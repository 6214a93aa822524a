import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { IllegalStateError } from '@temporalio/common';
import { makeTelemetryFilterString, Runtime } from '@temporalio/worker';
import { PinoLogger } from 'nestjs-pino';
import { TemporalRuntimeMetrics } from '../metrics/temporal-runtime-metrics';
import { TemporalPinoLogger } from './temporal-pino-logger';

/** The core's (Rust) lines below a warning are its internals (polls, connections): warnings and errors only. */
function coreLevelOf(level: string): 'WARN' | 'ERROR' {
  return ['error', 'fatal', 'silent'].includes(level) ? 'ERROR' : 'WARN';
}

/**
 * Installs Temporal's runtime, one a process, before the worker connects (its first connection would make a default
 * one, logging to stderr in its own format): every Temporal line, the core's included, goes through pino at LOG_LEVEL,
 * and its metrics to the worker's /metrics (TemporalRuntimeMetrics).
 */
@Injectable()
export class TemporalRuntime implements OnModuleInit {
  private readonly logger = new Logger(TemporalRuntime.name);

  constructor(
    private readonly pino: PinoLogger,
    private readonly runtimeMetrics: TemporalRuntimeMetrics,
  ) {
    pino.setContext('Temporal');
  }

  async onModuleInit(): Promise<void> {
    try {
      // Its metrics too, served on loopback for the worker's /metrics to append.
      await this.runtimeMetrics.installWith((metrics) =>
        Runtime.install({
          logger: new TemporalPinoLogger(this.pino),
          telemetryOptions: {
            logging: { filter: makeTelemetryFilterString({ core: coreLevelOf(this.pino.logger.level) }), forward: {} },
            metrics,
          },
        }),
      );
    } catch (err) {
      if (!(err instanceof IllegalStateError)) throw err;
      // A test's Temporal server made it first, in this process: Temporal's lines keep that runtime's logger.
      this.logger.debug(`Temporal's runtime was made before: ${err.message}`);
    }
  }
}
