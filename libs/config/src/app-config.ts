import * as path from 'node:path';
import { z } from 'zod';
import { SECRET_ENV_NAMES, checkPartnerCenterCredentials, partnerCenterCredentialsSchema } from './partner-center-credentials.config';
import { checkIdentity, identitySchema } from './identity.config';
import { supportTopicsSchema } from './support-topics.config';

const port = z.coerce.number().int().min(1).max(65535);

/** Every setting Escalade reads from the environment, with its embedded default. */
export const appConfigSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: port.default(3000),
  DATA_DIR: z.string().min(1).default('data'),
  /** Unset: SQLite file `escalade.sqlite` under DATA_DIR. Set: a `postgres://` URL. */
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
    .optional(),
  TEMPORAL_ADDRESS: z
    .string()
    .regex(/^[^:/\s]+:\d{1,5}$/, 'must be host:port, e.g. 127.0.0.1:7233')
    .default('127.0.0.1:7233'),
  TEMPORAL_NAMESPACE: z.string().min(1).default('default'),
  TEMPORAL_TASK_QUEUE: z.string().min(1).default('service-requests'),
  TEMPORAL_UI_URL: z.string().url().default('http://127.0.0.1:8233'),
  /** The coordinator console's built files (`npx nx build console`), served by the API at `/`. */
  CONSOLE_DIR: z.string().min(1).default('dist/apps/console'),
  /** Multiplies every SLA duration: 0.001 turns a 2-hour target into 7.2 seconds for a demo. */
  SLA_TIME_SCALE: z.coerce.number().positive().max(1000).default(1),
  /** Optional JSON file overriding parts of the default SLA policy. */
  SLA_POLICY_FILE: z.string().min(1).optional(),
  /**
   * Where tickets are filed: `simulator` (our Microsoft support simulator, which `npm start` runs),
   * `partner-center` (the real Partner Center API) or `in-process` (an instant stand-in that never answers).
   */
  MICROSOFT_SUPPORT: z.enum(['simulator', 'partner-center', 'in-process']).default('simulator'),
  PARTNER_CENTER_URL: z.string().url().default('http://127.0.0.1:3100'),
  /** A static bearer token, for development only (refused with NODE_ENV=production): it cannot be renewed. */
  PARTNER_CENTER_TOKEN: z.string().min(1).optional(),
  ...partnerCenterCredentialsSchema,
  PARTNER_CENTER_AGENT_LOCALE: z
    .string()
    .regex(/^[a-z]{2}-[A-Z]{2}$/, 'must be a locale such as en-US')
    .default('en-US'),
  ...supportTopicsSchema,
  /** How often the worker's watch poller lists the partner's tickets at Microsoft to see which changed. */
  MICROSOFT_POLL_INTERVAL_MS: z.coerce.number().int().min(100).max(3_600_000).default(10_000),
  /**
   * On shutdown (SIGTERM, Ctrl-C), how long the worker lets running activities finish before it cancels them:
   * passed to Temporal's `Worker.create({ shutdownGraceTime })`. Keep it under the orchestrator's stop grace period.
   */
  WORKER_SHUTDOWN_GRACE_MS: z.coerce.number().int().min(0).max(600_000).default(10_000),
  ...identitySchema,
});

export type AppConfig = z.infer<typeof appConfigSchema> & { databaseFile: string };

export const CONFIG_ENV_NAMES: readonly string[] = Object.keys(appConfigSchema.shape);

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** A variable's value as a message shows it: a secret only as set or not. */
function shown(name: string, env: Record<string, string | undefined>): string {
  const value = env[name];
  return SECRET_ENV_NAMES.has(name) && value !== undefined ? '<redacted>' : JSON.stringify(value);
}

/** Validates the environment; a wrong value throws a ConfigError naming each variable at fault. */
export function loadAppConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const known = Object.fromEntries(CONFIG_ENV_NAMES.map((name) => [name, env[name] === '' ? undefined : env[name]]));
  const parsed = appConfigSchema
    .superRefine((settings, ctx) => {
      checkPartnerCenterCredentials(settings, ctx);
      checkIdentity(settings, ctx);
    })
    .safeParse(known);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((issue) => `${issue.path.join('.')}=${shown(String(issue.path[0]), known)}: ${issue.message}`));
  }
  const dataDir = path.resolve(parsed.data.DATA_DIR);
  return {
    ...parsed.data,
    DATA_DIR: dataDir,
    CONSOLE_DIR: path.resolve(parsed.data.CONSOLE_DIR),
    databaseFile: path.join(dataDir, 'escalade.sqlite'),
  };
}
