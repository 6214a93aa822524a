import { condition } from '@temporalio/workflow';
import {
  escalationSchedule,
  followUpDeadline,
  followUpTargetAfter,
  resolutionDueAt,
  timeFromSource,
  warningTime,
  type AlertKind,
  type FollowUpClock,
  type FollowUpTarget,
  type TicketEvent,
} from '@escalade/domain';
import type { MicrosoftProgressMark } from '../activities';
import type { MicrosoftTicketUpdate } from '../definitions';
import type { TicketRun } from '../ticket/ticket-run';
import { seenAfter, unseenNotes } from './microsoft-news';

/** A mark of the running round (its warning, its breach, a level of the ladder: Microsoft's only) */
type RoundMark = { kind: 'warning'; at: Date } | { kind: 'breach'; at: Date } | { kind: 'escalation'; at: Date; level: number; audience: string };
/** … or the ticket's optional resolution target. */
type Mark = RoundMark | { kind: 'resolution'; at: Date };

const ALERTS: Record<FollowUpTarget, Partial<Record<RoundMark['kind'], AlertKind>>> = {
  'microsoft-update': { warning: 'update-warning', breach: 'update-breach', escalation: 'update-escalation' },
  'partner-reply': { warning: 'reply-warning', breach: 'reply-breach' },
};

const OWED: Record<FollowUpTarget, string> = {
  'microsoft-update': "Microsoft's next update",
  'partner-reply': 'our reply to Microsoft',
};

/**
 * After Microsoft's first answer (tickets followed by the watch poller, since FOLLOW_UP_TARGETS_PATCH), until closure:
 * records Microsoft's news as `followPollerUpdates` does, and keeps a target on whoever owes the next word. Microsoft owes
 * an update after each of its notes or status changes; once it sets `attention_needed` its clock pauses and we owe a
 * reply, which a coordinator's note gives (or Microsoft leaving `attention_needed`). Each round raises its warning, its
 * breach and, for Microsoft, the ladder, as the first response does.
 */
export async function keepFollowUpTargets(run: TicketRun): Promise<void> {
  const { inbox } = run;
  let seen: MicrosoftProgressMark = inbox.microsoftSeen ?? { status: 'open', noteCount: 0 };
  let replies = inbox.replies;
  let rounds = 0;
  const turn: Turn = { run, nextRound: () => (rounds += 1) };
  const answeredAt = run.ticket.state.respondedAt as string;
  const first = inbox.response?.attentionNeeded ? 'partner-reply' : followUpTargetAfter(seen.status);
  if (first) await run.ticket.apply(...owedFrom(run, first, answeredAt, turn.nextRound()));
  for (;;) {
    const news = () => inbox.microsoftUpdates.length > 0 || inbox.replies > replies || !!inbox.closeRequest || inbox.clockChanged;
    // No round once Microsoft has closed its ticket: nobody owes a word until it reopens it.
    const clock = run.ticket.state.followUp;
    const mark = earliest(clock && nextMark(run, clock), resolutionMark(run));
    // Always a timer, of at least 1 ms, whatever the task's clock reads: a replay that reads another time issues the same
    // commands (no clock reading recorded in the history either: a local activity here trips Temporal's core).
    const woken = mark ? await condition(news, Math.max(1, mark.at.getTime() - Date.now())) : await condition(news).then(() => true);
    if (inbox.closeRequest) return;
    if (!woken && mark) {
      if (mark.kind === 'resolution') await raiseResolutionBreach(run, mark.at);
      else if (clock) await raiseMark(run, clock, mark);
    } else if (inbox.clockChanged) {
      inbox.clockChanged = false;
      // A round already breached stays missed: the new severity applies from the next round.
      if (clock && !clock.breached) await run.ticket.apply(targetSet(run, clock.target, clock.startsAt, clock.round));
    } else if (inbox.replies > replies) {
      replies = inbox.replies;
      if (clock?.target === 'partner-reply') await passTheWord(turn, clock, (inbox.lastReplyAt as Date).toISOString(), [], 'microsoft-update');
    } else {
      const update = inbox.microsoftUpdates.shift() as MicrosoftTicketUpdate;
      const { news: recorded, mark: newSeen } = microsoftNews(seen, update);
      await followMicrosoftNews(turn, clock, { before: seen, after: newSeen }, recorded);
      seen = newSeen;
    }
  }
}

/** The ticket's run, and the number of the next follow-up round (1, 2, …: alert keys and events name rounds by it). */
interface Turn {
  run: TicketRun;
  nextRound(): number;
}

/** What Microsoft's update adds to what was seen: notes not recorded yet and a status change, as events. */
function microsoftNews(seen: MicrosoftProgressMark, update: MicrosoftTicketUpdate): { news: TicketEvent[]; mark: MicrosoftProgressMark } {
  const news: TicketEvent[] = unseenNotes(seen, update).map((note) => ({ type: 'MicrosoftNoteAdded', data: { text: note.text, by: note.createdByName, at: note.createdDate } }));
  if (update.status !== seen.status) news.push({ type: 'MicrosoftStatusChanged', data: { status: update.status, at: new Date().toISOString() } });
  return { news, mark: seenAfter(seen, update) };
}

/**
 * Records Microsoft's news with what it does to the target: a note or status change is Microsoft's word (at its latest
 * note's own time, else when heard); `attention_needed` passes the word to us, leaving it gives it back to Microsoft,
 * closing its ticket ends the rounds (reopening it starts them again).
 */
async function followMicrosoftNews(
  turn: Turn,
  clock: FollowUpClock | undefined,
  { before, after }: { before: MicrosoftProgressMark; after: MicrosoftProgressMark },
  news: TicketEvent[],
): Promise<void> {
  if (news.length === 0) return;
  const { run } = turn;
  // Partner Center's time for its latest note (one it garbled counts for none), never after we heard of it nor before the
  // round began; a status change has no time of its own at Microsoft: without a note, when we heard of it.
  const noteTimes = news.flatMap((event) => (event.type === 'MicrosoftNoteAdded' ? [Date.parse(event.data.at)] : [])).filter((time) => !Number.isNaN(time));
  const latestNote = noteTimes.length > 0 ? new Date(Math.max(...noteTimes)).toISOString() : undefined;
  const saidAt = timeFromSource(latestNote, new Date(), new Date(clock?.startsAt ?? (run.ticket.state.respondedAt as string))).toISOString();
  const owedNext = followUpTargetAfter(after.status);
  if (!clock) {
    await run.ticket.apply(...news, ...(owedNext ? owedFrom(run, owedNext, saidAt, turn.nextRound()) : []));
  } else if (clock.target === 'microsoft-update' && before.status === 'attention_needed' && after.status === 'open' && !news.some(isNote)) {
    // Our reply set Microsoft's ticket back to `open` (as Partner Center does): that is not Microsoft's word.
    await run.ticket.apply(...news);
  } else if (clock.target === 'partner-reply' && owedNext === 'partner-reply') {
    // We owe the word: Microsoft's notes meanwhile do not take it back.
    await run.ticket.apply(...news);
  } else {
    await passTheWord(turn, clock, saidAt, news, owedNext);
  }
}

const isNote = (event: TicketEvent) => event.type === 'MicrosoftNoteAdded';

/**
 * The word owed in the running round came at `at`: the round is answered, and the next starts from `at` on whoever owes
 * the next word (`next`; none once Microsoft has closed its ticket), Microsoft's clock paused or resumed accordingly.
 */
async function passTheWord(turn: Turn, clock: FollowUpClock, at: string, news: TicketEvent[], next: FollowUpTarget | undefined): Promise<void> {
  const { run } = turn;
  const late = Date.parse(at) > Date.parse(clock.dueAt);
  const answered: TicketEvent = { type: 'FollowUpAnswered', data: { target: clock.target, round: clock.round, answeredAt: at, late } };
  const resuming = clock.target === 'partner-reply' && next !== 'partner-reply' ? [resumed(run, at)] : [];
  const round = next ? turn.nextRound() : undefined;
  const events = [...news, answered, ...resuming, ...(next && round ? owedFrom(run, next, at, round) : [])];
  const replyOwed = () => `Microsoft needs information on ticket ${run.id}; our reply is due by ${run.ticket.state.followUp?.dueAt}`;
  const replyOwedKey = { key: `${run.key}:reply-owed:${round}` };
  if (clock.breached && !late) {
    const withdrawn = `Ticket ${run.id}: ${OWED[clock.target]} came at ${at}, within its target (${clock.dueAt}); the breach sent earlier is withdrawn`;
    await run.raise(events, 'correction', () => withdrawn, 'beside', { key: `${run.key}:correction:follow-up:${clock.round}` });
    if (next === 'partner-reply') run.alerts.send(run.alertOf('reply-owed', replyOwed(), replyOwedKey));
  } else if (next === 'partner-reply') {
    await run.raise(events, 'reply-owed', replyOwed, 'beside', replyOwedKey);
  } else {
    await run.ticket.apply(...events);
  }
}

/** Round `round` on `target` from `at`: Microsoft's clock paused first when the word is ours to give. */
function owedFrom(run: TicketRun, target: FollowUpTarget, at: string, round: number): TicketEvent[] {
  const set = targetSet(run, target, at, round);
  return target === 'partner-reply' ? [paused(at), set] : [set];
}

/**
 * The next mark of the round not raised yet: its warning, its breach, then (Microsoft's target) each level of the ladder.
 * A round whose warning time has passed unnoticed (a worker down) raises it late, just before its breach.
 */
function nextMark(run: TicketRun, clock: FollowUpClock): RoundMark | undefined {
  const startsAt = new Date(clock.startsAt);
  const dueAt = new Date(clock.dueAt);
  if (!clock.warnedAt && !clock.breached) return { kind: 'warning', at: warningTime(startsAt, dueAt, run.policy) };
  if (!clock.breached) return { kind: 'breach', at: dueAt };
  if (clock.target === 'partner-reply') return undefined;
  const level = escalationSchedule(startsAt, dueAt, run.policy)[clock.escalations.length];
  return level && { kind: 'escalation', ...level };
}

/** The resolution target's mark, watched from the first answer on (one passed before it is raised then). */
function resolutionMark(run: TicketRun): Mark | undefined {
  const at = resolutionDueAt(run.ticket.state, run.request, run.policy);
  return at && { kind: 'resolution', at };
}

function earliest(...marks: Array<Mark | undefined>): Mark | undefined {
  return marks.reduce<Mark | undefined>((first, mark) => (mark && (!first || mark.at < first.at) ? mark : first), undefined);
}

async function raiseResolutionBreach(run: TicketRun, dueAt: Date): Promise<void> {
  const due = dueAt.toISOString();
  await run.raise(
    [{ type: 'ResolutionTargetBreached', data: { dueAt: due } }],
    'resolution-breach',
    () => `Ticket ${run.id} is not resolved by its target, ${due} (Microsoft's paused time excluded)`,
    'beside',
  );
}

async function raiseMark(run: TicketRun, clock: FollowUpClock, mark: RoundMark): Promise<void> {
  const { target, round, dueAt } = clock;
  const kind = ALERTS[target][mark.kind] as AlertKind;
  const at = mark.at.toISOString();
  const owed = OWED[target];
  if (mark.kind === 'warning') {
    await run.raise([{ type: 'FollowUpWarningRaised', data: { target, round, dueAt, warnedAt: at } }], kind, () => `Ticket ${run.id}: ${owed} is due by ${dueAt}`, 'beside', {
      key: `${run.key}:${kind}:${round}`,
    });
  } else if (mark.kind === 'breach') {
    await run.raise([{ type: 'FollowUpBreached', data: { target, round, dueAt } }], kind, () => `Ticket ${run.id}: ${owed} was due by ${dueAt} and has not come`, 'beside', {
      key: `${run.key}:${kind}:${round}`,
    });
  } else {
    const { level, audience } = mark;
    await run.raise(
      [{ type: 'FollowUpEscalated', data: { target, round, dueAt, level, audience, raisedAt: at } }],
      kind,
      () => `Ticket ${run.id} escalated to level ${level} (${audience}): ${owed} was due by ${dueAt}`,
      'beside',
      { level, audience, key: `${run.key}:${kind}:${round}:${level}` },
    );
  }
}

/** Round `round` of `target`, from `startsAt`, on the ticket's severity as it is now. */
function targetSet(run: TicketRun, target: FollowUpTarget, startsAt: string, round: number): TicketEvent {
  const request = { ...run.request, severity: run.ticket.state.severity };
  const dueAt = followUpDeadline(new Date(startsAt), target, request, run.policy).toISOString();
  return { type: 'FollowUpTargetSet', data: { target, round, startsAt, dueAt } };
}

function paused(at: string): TicketEvent {
  return { type: 'MicrosoftClockPaused', data: { pausedAt: at } };
}

function resumed(run: TicketRun, at: string): TicketEvent {
  const since = run.ticket.state.pauses?.find((pause) => !pause.to)?.from ?? at;
  return { type: 'MicrosoftClockResumed', data: { resumedAt: at, pausedMs: Math.max(0, Date.parse(at) - Date.parse(since)) } };
}
