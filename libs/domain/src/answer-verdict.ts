// What Microsoft's first answer means for the response target, decided from Microsoft's own answer time against the
// due time, whatever order the workflow learned things in (the answer may be heard of minutes after it was given).
import { escalationSchedule } from './response-deadline';
import type { SlaPolicy } from './sla-policy';

export interface EscalationLevelDue {
  level: number;
  audience: string;
  at: Date;
}

export interface AnswerFacts {
  /** When Microsoft answered, as its source tells it (see `timeFromSource`). */
  respondedAt: Date;
  filedAt: Date;
  dueAt: Date;
  /** What the ticket has recorded so far. */
  breached: boolean;
  levelsRaised: number;
}

export interface AnswerVerdict {
  late: boolean;
  /** The target was missed but no breach was recorded yet: record it now, raised late rather than never. */
  recordBreach: boolean;
  /** Ladder levels that fell due before Microsoft answered and were not raised yet, lowest first. */
  levelsToRaise: EscalationLevelDue[];
  /** A breach was recorded, but Microsoft had answered in time: it must be corrected. */
  correctBreach: boolean;
}

export function decideOnAnswer(facts: AnswerFacts, policy: SlaPolicy): AnswerVerdict {
  const { respondedAt, filedAt, dueAt, breached, levelsRaised } = facts;
  const late = respondedAt.getTime() > dueAt.getTime();
  const levelsToRaise = late
    ? escalationSchedule(filedAt, dueAt, policy).filter((level, index) => index >= levelsRaised && level.at.getTime() < respondedAt.getTime())
    : [];
  return { late, recordBreach: late && !breached, levelsToRaise, correctBreach: !late && breached };
}

/**
 * When something happened: the time its source reported (Partner Center's createdDate or note, a coordinator's word),
 * else when we heard of it; never after we heard of it (a clock ahead of ours cannot make an answer late) nor before
 * `notBefore` (an answer before the filing, a filing before the request).
 */
export function timeFromSource(reported: string | undefined, heardAt: Date, notBefore: Date): Date {
  const at = reported === undefined ? heardAt.getTime() : Date.parse(reported);
  const known = Number.isNaN(at) ? heardAt.getTime() : at;
  return new Date(Math.max(notBefore.getTime(), Math.min(known, heardAt.getTime())));
}
