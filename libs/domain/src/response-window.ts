import { escalationSchedule } from './response-deadline';
import type { SlaPolicy } from './sla-policy';

/** The marks of a ticket's response window, planned from its filing and due times: what an SLA bar draws. */
export interface ResponseWindow {
  startsAt: string;
  warningAt: string;
  dueAt: string;
  escalations: Array<{ level: number; audience: string; at: string }>;
}

/** When the breach warning goes out: `warningShare` of the window after filing. */
export function warningTime(filedAt: Date, dueAt: Date, policy: Pick<SlaPolicy, 'warningShare'>): Date {
  return new Date(filedAt.getTime() + Math.round(policy.warningShare * (dueAt.getTime() - filedAt.getTime())));
}

export function responseWindow(filedAt: Date, dueAt: Date, policy: SlaPolicy): ResponseWindow {
  return {
    startsAt: filedAt.toISOString(),
    warningAt: warningTime(filedAt, dueAt, policy).toISOString(),
    dueAt: dueAt.toISOString(),
    escalations: escalationSchedule(filedAt, dueAt, policy).map(({ level, audience, at }) => ({
      level,
      audience,
      at: at.toISOString(),
    })),
  };
}
