// Keeps the Temporal SDK's own logging (worker state changes, bundle sizes, webpack output, the core's
// warnings about the test server's capabilities) to errors, so the replay tools print only their own lines.
// TEMPORAL_LOG_LEVEL=INFO (or WARN, DEBUG) shows more.
import { DefaultLogger, Runtime, type LogLevel } from '@temporalio/worker';

const LEVEL = (process.env.TEMPORAL_LOG_LEVEL?.toUpperCase() as LogLevel | undefined) ?? 'ERROR';

export const quietLogger = new DefaultLogger(LEVEL);

/** Installs the quiet logger in Temporal's runtime; a no-op when the runtime already exists. */
export function installQuietRuntime(): void {
  try {
    Runtime.install({
      logger: quietLogger,
      telemetryOptions: { logging: { filter: { core: LEVEL, other: LEVEL }, forward: {} } },
    });
  } catch {
    // Already installed (by an earlier call, or a worker or connection was created first).
  }
}
