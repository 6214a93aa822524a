import * as fs from 'node:fs';
import { z } from 'zod';
import { DEFAULT_SLA_POLICY, type SlaPolicy } from '@escalade/domain';
import { ConfigError } from './app-config';

const minutes = z.number().positive();
const ranges = z.array(z.tuple([z.number().int().min(0).max(1440), z.number().int().min(0).max(1440)]));

/** What SLA_POLICY_FILE may override; anything left out keeps the default. */
const policyOverrideSchema = z
  .object({
    version: z.string().min(1),
    breakFixMinutes: z.object({ A: minutes, B: minutes, C: minutes }).partial(),
    nonBreakFixBusinessDays: z.number().positive(),
    calendar: z
      .object({
        utcOffsetMinutes: z.number().int().min(-14 * 60).max(14 * 60),
        week: z.record(z.enum(['1', '2', '3', '4', '5', '6', '7']), ranges),
        holidays: z.array(z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be YYYY-MM-DD')),
      })
      .partial(),
    ladder: z
      .array(
        z.object({
          level: z.number().int().positive(),
          afterBreachWindowShare: z.number().min(0),
          audience: z.string().min(1),
        }),
      )
      .min(1),
    accessTimeoutMinutes: minutes,
    warningShare: z.number().gt(0).lt(1),
  })
  .partial()
  .strict();

/** The default policy, overridden by SLA_POLICY_FILE when given, scaled by SLA_TIME_SCALE. */
export function loadSlaPolicy(settings: { SLA_POLICY_FILE?: string; SLA_TIME_SCALE: number }): SlaPolicy {
  const policy: SlaPolicy = { ...DEFAULT_SLA_POLICY, timeScale: settings.SLA_TIME_SCALE };
  if (!settings.SLA_POLICY_FILE) return policy;
  const file = settings.SLA_POLICY_FILE;
  let json: unknown;
  try {
    json = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (err) {
    throw new ConfigError([`SLA_POLICY_FILE=${file}: ${(err as Error).message}`]);
  }
  const parsed = policyOverrideSchema.safeParse(json);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `SLA_POLICY_FILE=${file}: ${i.path.join('.') || '(root)'}: ${i.message}`));
  }
  const { breakFixMinutes, calendar, ...rest } = parsed.data;
  return {
    ...policy,
    ...rest,
    breakFixMinutes: { ...policy.breakFixMinutes, ...breakFixMinutes },
    calendar: { ...policy.calendar, ...calendar } as SlaPolicy['calendar'],
  };
}
