import { z } from 'zod';
import { ConfigError, loggingSchema } from '@escalade/config';
import {
  SIMULATOR_CLIENT_ID,
  SIMULATOR_CLIENT_SECRET,
  SIMULATOR_REFRESH_TOKEN,
  SIMULATOR_TENANT_ID,
} from './simulator-credentials';

const probability = z.coerce.number().min(0).max(1);
const seconds = z.coerce.number().int().min(0);
const flag = z.enum(['true', 'false']).transform((value) => value === 'true');

/** Every setting the simulator reads from the environment, with its default. */
export const simulatorConfigSchema = z.object({
  SIMULATOR_PORT: z.coerce.number().int().min(1).max(65535).default(3100),
  /** The interface it listens on: loopback, like everything `npm start` runs (a container sets 0.0.0.0). */
  SIMULATOR_HOST: z.string().min(1).default('127.0.0.1'),
  /** Multiplies every answer delay: 0.0001 turns severity A's 2 hours into 0.72 seconds. */
  SIMULATOR_TIME_SCALE: z.coerce.number().positive().max(1000).default(1),
  /** Share of tickets answered after the response target (at 1.2–2× it) instead of before (0.2–0.9×). */
  SIMULATOR_LATE_PROBABILITY: probability.default(0.2),
  /** Share of answers that ask the partner for information (status attention_needed). */
  SIMULATOR_ATTENTION_PROBABILITY: probability.default(0.1),
  /** Set: answers are drawn from a seeded generator, so a run can be repeated exactly. */
  SIMULATOR_SEED: z.coerce.number().int().optional(),

  /** The partner's Entra tenant: the token endpoint's `{tenant}` and the tokens' `tid`. */
  SIMULATOR_TENANT_ID: z.string().uuid().default(SIMULATOR_TENANT_ID),
  /** The registered application's id. */
  SIMULATOR_CLIENT_ID: z.string().min(1).default(SIMULATOR_CLIENT_ID),
  /** A client secret the application may authenticate with. */
  SIMULATOR_CLIENT_SECRET: z.string().min(1).default(SIMULATOR_CLIENT_SECRET),
  /** PEM file of the application's certificate (or its public key): client assertions signed with its key are taken. */
  SIMULATOR_CLIENT_CERTIFICATE_PATH: z.string().min(1).optional(),
  /** Comma-separated refresh tokens from consent, valid from the start. */
  SIMULATOR_REFRESH_TOKENS: z
    .string()
    .default(SIMULATOR_REFRESH_TOKEN)
    .transform((list) => list.split(',').map((token) => token.trim()).filter(Boolean))
    .pipe(z.array(z.string()).min(1, 'at least one refresh token')),
  /** How long an access token lives; Entra's are about an hour, tests use a few seconds. */
  SIMULATOR_ACCESS_TOKEN_LIFETIME_SECONDS: z.coerce.number().int().min(1).default(3600),
  /** true: every redemption answers a new refresh token, and the redeemed one stops working after the grace below. */
  SIMULATOR_REFRESH_TOKEN_ROTATION: flag.default('true'),
  /** How long a rotated-out refresh token still works (a client that lost the answer can retry with it). */
  SIMULATOR_REFRESH_TOKEN_GRACE_SECONDS: seconds.default(60),
  /** Signs the simulator's tokens, so they outlive a restart as Entra's outlive a Partner Center deploy. */
  SIMULATOR_TOKEN_SIGNING_KEY: z.string().min(16).default('escalade-simulator-token-signing-key'),

  /** With `production`, its logs are JSON unless LOG_FORMAT says otherwise, as the API's and the worker's. */
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  ...loggingSchema,
});

export type SimulatorConfig = z.infer<typeof simulatorConfigSchema>;

export const SIMULATOR_CONFIG = Symbol('SIMULATOR_CONFIG');

const ENV_NAMES = Object.keys(simulatorConfigSchema.shape);

/** Validates the environment; a wrong value throws a ConfigError naming each variable at fault. */
export function loadSimulatorConfig(env: NodeJS.ProcessEnv = process.env): SimulatorConfig {
  const known = Object.fromEntries(ENV_NAMES.map((name) => [name, env[name] === '' ? undefined : env[name]]));
  const parsed = simulatorConfigSchema.safeParse(known);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => `${issue.path.join('.')}=${JSON.stringify(known[String(issue.path[0])])}: ${issue.message}`),
    );
  }
  return parsed.data;
}
