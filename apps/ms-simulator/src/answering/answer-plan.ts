import type { SimulatorConfig } from '../config/simulator-config';
import type { Severity } from '../service-requests/service-request.resource';
import type { ScheduledAnswer } from '../service-requests/service-request.store';

/** Microsoft's initial-response targets for CSP tickets. */
export const RESPONSE_TARGET_HOURS: Record<Severity, number> = { critical: 2, moderate: 4, minimal: 8 };

const HOUR_MS = 3_600_000;

type AnswerOdds = Pick<SimulatorConfig, 'SIMULATOR_TIME_SCALE' | 'SIMULATOR_LATE_PROBABILITY' | 'SIMULATOR_ATTENTION_PROBABILITY'>;

/** On time: at 0.2–0.9 of the target; late: at 1.2–2 times it; scaled by SIMULATOR_TIME_SCALE. */
export function planAnswer(severity: Severity, filedAt: Date, odds: AnswerOdds, random: () => number): ScheduledAnswer {
  const late = random() < odds.SIMULATOR_LATE_PROBABILITY;
  const shareOfTarget = late ? 1.2 + random() * 0.8 : 0.2 + random() * 0.7;
  const attentionNeeded = random() < odds.SIMULATOR_ATTENTION_PROBABILITY;
  const delayMs = RESPONSE_TARGET_HOURS[severity] * HOUR_MS * shareOfTarget * odds.SIMULATOR_TIME_SCALE;
  return { at: new Date(filedAt.getTime() + delayMs), late, attentionNeeded };
}
