import { z } from 'zod';
import { ConfigError } from '@escalade/config';

const probability = z.coerce.number().min(0).max(1);

/** Every setting the simulator reads from the environment, with its default. */
export const simulatorConfigSchema = z.object({
  SIMULATOR_PORT: z.coerce.number().int().min(1).max(65535).default(3100),
  /** Multiplies every answer delay: 0.0001 turns severity A's 2 hours into 0.72 seconds. */
  SIMULATOR_TIME_SCALE: z.coerce.number().positive().max(1000).default(1),
  /** Share of tickets answered after the response target (at 1.2–2× it) instead of before (0.2–0.9×). */
  SIMULATOR_LATE_PROBABILITY: probability.default(0.2),
  /** Share of answers that ask the partner for information (status attention_needed). */
  SIMULATOR_ATTENTION_PROBABILITY: probability.default(0.1),
  /** Set: answers are drawn from a seeded generator, so a run can be repeated exactly. */
  SIMULATOR_SEED: z.coerce.number().int().optional(),
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
