import * as path from 'node:path';
import { z } from 'zod';
import { checkPartnerCenterCredentials, partnerCenterCredentialsSchema } from './partner-center-credentials.config';
import { alertEmailSchema, checkAlertEmail } from './alert-email.config';
import { checkEncryptionKey } from './encryption-key.config';
import { containerStackSchema } from './container-stack.config';
import { checkIdentity, identitySchema } from './identity.config';
import { loggingSchema } from './logging.config';
import { metricsSchema } from './metrics.config';
import { securitySchema } from './security.config';
import { supportTopicsSchema } from './support-topics.config';
import { temporalConnectionSchema } from './temporal-connection.config';
import { workerSchema } from './worker.config';

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
  ...temporalConnectionSchema,
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
  /**
   * Workflows the worker keeps in memory between their tasks (Temporal's sticky cache, `maxCachedWorkflows`): about
   * 0.4 MB each; one evicted replays its history on its next task. The SDK's default grows with the heap limit (2,300
   * on a 4 GB heap: 1 GB of cache), so it is fixed here.
   */
  WORKER_MAX_CACHED_WORKFLOWS: z.coerce.number().int().min(2).max(100_000).default(1_000),
  ...workerSchema,
  ...identitySchema,
  ...containerStackSchema,
  ...securitySchema,
  ...alertEmailSchema,
  ...loggingSchema,
  ...metricsSchema,
});

export type AppConfig = z.infer<typeof appConfigSchema> & { databaseFile: string };

export const CONFIG_ENV_NAMES: readonly string[] = Object.keys(appConfigSchema.shape);

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

type Settings = z.infer<typeof appConfigSchema>;

/**
 * Validates the environment; throws a ConfigError naming every variable at fault at once, each with its rule and never
 * its value (a wrong value may be a secret, or hold one: a database URL's password).
 */
export function loadAppConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const known = Object.fromEntries(CONFIG_ENV_NAMES.map((name) => [name, env[name] === '' ? undefined : env[name]]));
  const { settings, issues } = parseEachVariable(known);
  if (issues.length > 0) throw new ConfigError(issues.map((issue) => `${variableOf(issue.path)}: ${ruleOf(issue)}`));
  const dataDir = path.resolve(settings.DATA_DIR);
  return {
    ...settings,
    DATA_DIR: dataDir,
    CONSOLE_DIR: path.resolve(settings.CONSOLE_DIR),
    databaseFile: path.join(dataDir, 'escalade.sqlite'),
  };
}

/**
 * Each variable on its own, then the rules between variables on those that are valid: a wrong variable does not hide
 * the problems of the others (zod's object stops before its refinements). A variable already at fault is named once.
 */
function parseEachVariable(known: Record<string, string | undefined>): { settings: Settings; issues: z.ZodIssue[] } {
  const issues: z.ZodIssue[] = [];
  const settings: Record<string, unknown> = {};
  for (const [name, schema] of Object.entries(appConfigSchema.shape)) {
    const parsed = (schema as z.ZodTypeAny).safeParse(known[name]);
    if (parsed.success) settings[name] = parsed.data;
    else issues.push(...parsed.error.issues.map((issue) => ({ ...issue, path: [name, ...issue.path] })));
  }
  const atFault = new Set(issues.map((issue) => issue.path[0]));
  const between: z.ZodIssue[] = [];
  const ctx: z.RefinementCtx = {
    path: [],
    addIssue: (issue) => between.push({ ...issue, path: issue.path ?? [], message: issue.message ?? '' } as z.ZodIssue),
  };
  const valid = settings as Settings;
  checkPartnerCenterCredentials(valid, ctx);
  checkIdentity(valid, ctx);
  checkEncryptionKey(valid, ctx);
  checkAlertEmail(valid, ctx);
  issues.push(...between.filter((issue) => !atFault.has(issue.path[0])));
  return { settings: valid, issues };
}

/** `NAME`; `NAME (entry 2)` for an entry of a comma-separated list; `NAME (at key)` inside a JSON value. */
function variableOf([name, ...inside]: ReadonlyArray<string | number>): string {
  if (inside.length === 0) return String(name);
  return inside.length === 1 && typeof inside[0] === 'number' ? `${name} (entry ${inside[0] + 1})` : `${name} (at ${inside.join('.')})`;
}

/** The rule broken; zod's own messages for these quote the value. */
function ruleOf(issue: z.ZodIssue): string {
  if (issue.code === z.ZodIssueCode.invalid_enum_value) return `must be one of ${issue.options.join(', ')}`;
  if (issue.code === z.ZodIssueCode.invalid_type) {
    return issue.received === 'undefined' ? 'is required' : `must be ${/^[aeiou]/.test(issue.expected) ? 'an' : 'a'} ${issue.expected}`;
  }
  if (issue.code === z.ZodIssueCode.invalid_string && issue.validation === 'url') return 'must be a URL';
  return issue.message;
}
