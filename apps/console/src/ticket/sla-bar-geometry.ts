// Where the marks of a ticket's targets sit on their SLA bars, as percentages of the bar's width: the first response's
// window, and after it the follow-up round running (Microsoft's next update, or our reply), paused spans included.
import { DEFAULT_SLA_POLICY, type TicketState } from '@escalade/domain';

export interface EscalationMark {
  level: number;
  audience: string;
  at: number;
  raised: boolean;
}

export interface SlaMarks {
  startsAt: number;
  warningAt: number;
  dueAt: number;
  escalations: EscalationMark[];
  /** Recorded by the server: wins over this browser's clock, which may lag the server's. */
  breached: boolean;
  /** When the clock stopped: Microsoft's response, or the closure. */
  stoppedAt?: number;
  /** When Microsoft's clock stood still within the bar (`to` absent: still paused). */
  pauses?: Array<{ from: number; to?: number }>;
}

export type SlaPhase = 'on-track' | 'at-risk' | 'breached';

export interface SlaBarGeometry {
  warning: number;
  due: number;
  /** Where the elapsed part of the window ends: now, or where the clock stopped. */
  elapsed: number;
  phase: SlaPhase;
  /** Shown only while the clock runs. */
  now?: number;
  escalations: Array<EscalationMark & { position: number }>;
  /** Paused spans, from and to as positions (a running pause reaches the clock). */
  pauses: Array<{ from: number; to: number }>;
}

const time = (iso: string) => Date.parse(iso);

/**
 * The marks of the ticket's window: planned by the API (`responseWindow`), or else rebuilt from the
 * filing and due times with the default warning share. Raised escalations come from the ticket itself.
 */
export function slaMarks(ticket: TicketState): SlaMarks | undefined {
  const startsAt = ticket.responseWindow?.startsAt ?? ticket.handoff?.filedAt;
  const dueAt = ticket.responseWindow?.dueAt ?? ticket.responseDueAt;
  if (!startsAt || !dueAt) return undefined;
  const [start, due] = [time(startsAt), time(dueAt)];
  const warningAt = ticket.responseWindow?.warningAt ?? ticket.warnedAt;
  const raised = ticket.escalations.map(({ level, audience, at }) => ({ level, audience, at: time(at), raised: true }));
  const planned = (ticket.responseWindow?.escalations ?? [])
    .filter(({ level }) => !raised.some((mark) => mark.level === level))
    .map(({ level, audience, at }) => ({ level, audience, at: time(at), raised: false }));
  const stoppedAt = ticket.respondedAt ?? ticket.closedAt;
  return {
    startsAt: start,
    warningAt: warningAt ? time(warningAt) : start + DEFAULT_SLA_POLICY.warningShare * (due - start),
    dueAt: due,
    escalations: [...raised, ...planned].sort((a, b) => a.level - b.level),
    breached: ticket.breached,
    stoppedAt: stoppedAt ? time(stoppedAt) : undefined,
  };
}

/**
 * The follow-up round running after Microsoft's first answer, as a bar from the round's start to its due time and
 * ladder: the warning at the default share unless raised; the ladder's levels as raised (the policy's plan for a round
 * is not in the ticket). With every pause of Microsoft's clock that overlaps the round.
 */
export function followUpMarks(ticket: TicketState): SlaMarks | undefined {
  const round = ticket.followUp;
  if (!round) return undefined;
  const [start, due] = [time(round.startsAt), time(round.dueAt)];
  return {
    startsAt: start,
    warningAt: round.warnedAt ? time(round.warnedAt) : start + DEFAULT_SLA_POLICY.warningShare * (due - start),
    dueAt: due,
    escalations: round.escalations.map(({ level, audience, at }) => ({ level, audience, at: time(at), raised: true })),
    breached: round.breached,
    stoppedAt: ticket.closedAt ? time(ticket.closedAt) : undefined,
    pauses: (ticket.pauses ?? [])
      .map(({ from, to }) => ({ from: time(from), to: to ? time(to) : undefined }))
      .filter(({ to }) => to === undefined || to > start),
  };
}

/** The bar runs from the filing to the last mark, stretched to now while the clock runs past them all. */
export function slaBarGeometry(marks: SlaMarks, now: number): SlaBarGeometry {
  const clock = marks.stoppedAt ?? now;
  const end = Math.max(marks.dueAt, clock, ...marks.escalations.map((mark) => mark.at));
  const span = Math.max(1, end - marks.startsAt);
  const position = (at: number) => Math.min(100, Math.max(0, ((at - marks.startsAt) / span) * 100));
  const phase: SlaPhase =
    marks.breached || clock >= marks.dueAt ? 'breached' : clock >= marks.warningAt ? 'at-risk' : 'on-track';
  return {
    warning: position(marks.warningAt),
    due: position(marks.dueAt),
    elapsed: position(clock),
    phase,
    now: marks.stoppedAt === undefined ? position(now) : undefined,
    escalations: marks.escalations.map((mark) => ({ ...mark, position: position(mark.at) })),
    pauses: (marks.pauses ?? []).map(({ from, to }) => ({ from: position(from), to: position(to ?? clock) })),
  };
}
