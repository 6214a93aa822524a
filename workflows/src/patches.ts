// Every change to the workflow's commands, by name: `patched(name)` keeps histories from before it replaying as they ran
// (see README, "Replaying workflow histories"); the golden histories hold a ticket from before and after each.

/** A reminder half-way through the wait for Azure access. */
export const AZURE_ACCESS_REMINDER_PATCH = 'azure-access-reminder';
/** Microsoft's later notes and status changes, recorded after its first answer. */
export const MICROSOFT_FOLLOW_UP_PATCH = 'microsoft-follow-up';
/** A filing Microsoft rejects closes the ticket as `handoff-rejected` instead of failing the workflow. */
export const HANDOFF_REJECTION_PATCH = 'handoff-rejection';
/**
 * Cancelling at any moment loses nothing: the request is recorded before eligibility, event appends and the filing run
 * to their end, so the ticket's stream always holds its first event and its closure.
 */
export const CANCEL_SAFE_PATCH = 'cancel-safe';
/**
 * The SLA facts from their source, whatever order the workflow learns things in: the clock starts at Microsoft's
 * creation time; Microsoft is read again at the due time before a breach; the verdict is taken from Microsoft's own
 * answer time: a late answer always breaches (with the ladder levels due by then), and a breach raised before an
 * in-time answer was known is corrected; `targetMet` is set with the answer.
 */
export const SLA_FROM_SOURCE_PATCH = 'sla-from-source';
/** Microsoft followed by the worker's watch poller (signals), instead of a polling activity holding a worker slot. */
export const MICROSOFT_WATCH_POLLER_PATCH = 'microsoft-watch-poller';
/** Microsoft's ticket kept in step with ours: told of a severity change, closed with ours. */
export const MICROSOFT_IN_STEP_PATCH = 'microsoft-in-step';
/** A filing our credentials cannot make waits and tries again, the ticket `handing-off`, instead of failing for good. */
export const HANDOFF_BLOCKED_PATCH = 'handoff-blocked';
/** A request the domain finds malformed is refused with its problems named, instead of failing its steps for good. */
export const INTAKE_CHECK_PATCH = 'intake-check';
/**
 * An escalation goes out once, through the alert subscriptions like every alert: the `sendEscalationAlert` activity
 * (a second copy into a table nothing read) is called only by histories from before.
 */
export const ONE_ALERT_PATH_PATCH = 'one-alert-path';
/**
 * The workflow task's time is never branched on: a replay may read a task's time later than the run did (a task
 * retried after a server restart) and take another branch (a breach where the run had warned). The response wait
 * branches on a clock reading recorded in the history (a local activity), and the request is received at the
 * workflow's start time, which the history holds.
 */
export const RECORDED_CLOCK_PATCH = 'recorded-clock';
/**
 * An alert's deliveries are prepared and attempted once by one activity (`sendAlert`): a subscriber hears of it one
 * workflow task and one activity sooner; only a failed first attempt goes on to `attemptAlertDelivery`'s retries.
 */
export const ALERT_AT_ONCE_PATCH = 'alert-at-once';
/**
 * Fewer round trips through Temporal per ticket: an alert goes out from the activity that stores its events (once they
 * are stored), a severity change is answered once stored (the note telling Microsoft follows), the watch poller is
 * told by the filing and stops with Microsoft's ticket closed, the due time's read of Microsoft sends the breach alert. Decided when the ticket starts, so that no
 * later task can ask for it at another point on replay.
 */
export const FEWER_ROUND_TRIPS_PATCH = 'fewer-round-trips';
/**
 * After Microsoft's first answer, targets on both sides (issue 19): Microsoft's next update, re-armed by each of its
 * notes and status changes, with the warning → breach → ladder of the first response; our reply once Microsoft asks
 * for information, Microsoft's clock paused meanwhile; a severity change re-times the running target. Tickets already
 * past their answer replay as they ran: recording Microsoft's news, no target.
 */
export const FOLLOW_UP_TARGETS_PATCH = 'follow-up-targets';
/**
 * Quiet hours (issue 20): a delivery the dispatcher held (an alert below severity A raised outside its recipient's
 * calendar hours) is recorded on the ticket (`AlertHeld`) and attempted at the recipient's next opening, on a timer.
 */
export const QUIET_HOURS_PATCH = 'quiet-hours';
