import { CancellationScope, condition, log, patched } from '@temporalio/workflow';
import type { MicrosoftProgressMark } from '../activities';
import type { MicrosoftTicketUpdate } from '../definitions';
import { FOLLOW_UP_TARGETS_PATCH, MICROSOFT_FOLLOW_UP_PATCH } from '../patches';
import type { Filing, TicketRun } from '../ticket/ticket-run';
import { keepFollowUpTargets } from './follow-up-targets';
import { seenAfter, unseenNotes } from './microsoft-news';
import { pollingActivities } from './polling-activities';

/**
 * After the first answer: records each later note and status change from Microsoft until the ticket is closed, and
 * (tickets followed by the watch poller) keeps the follow-up targets on whoever owes the next word.
 */
export async function followMicrosoft(run: TicketRun, filing: Filing): Promise<void> {
  const interval = run.microsoftPollIntervalMs;
  if (filing.followedByPoller && patched(FOLLOW_UP_TARGETS_PATCH)) {
    run.followingUp = true;
    await keepFollowUpTargets(run);
  } else if (filing.followedByPoller) {
    await followPollerUpdates(run);
  } else if (interval && run.inbox.microsoftSeen && patched(MICROSOFT_FOLLOW_UP_PATCH)) {
    // Added after tickets were already answered and waiting for closure: those replay without following Microsoft.
    await pollMicrosoft(run, filing.microsoftTicketId, interval, run.inbox.microsoftSeen);
  }
}

/** As the watch poller signals them. */
async function followPollerUpdates(run: TicketRun): Promise<void> {
  const { inbox } = run;
  // A coordinator answered before Microsoft was heard from: everything on Microsoft's ticket is news.
  let seen = inbox.microsoftSeen ?? { status: 'open', noteCount: 0 };
  for (;;) {
    await condition(() => inbox.microsoftUpdates.length > 0 || !!inbox.closeRequest);
    const update = inbox.microsoftUpdates.shift();
    if (!update) return;
    await recordChanges(run, seen, update.status, unseenNotes(seen, update));
    seen = seenAfter(seen, update);
  }
}

/** By a polling activity (tickets from before the watch poller). */
async function pollMicrosoft(run: TicketRun, microsoftTicketId: string, pollIntervalMs: number, from: MicrosoftProgressMark): Promise<void> {
  let seen = from;
  const closed = condition(() => !!run.inbox.closeRequest);
  const { watchMicrosoftChanges } = pollingActivities(pollIntervalMs);
  while (!run.inbox.closeRequest) {
    const scope = new CancellationScope();
    const watching = scope.run(() => watchMicrosoftChanges({ microsoftTicketId, pollIntervalMs, seen }));
    const changes = await Promise.race([watching, closed.then(() => undefined)]).catch((err: unknown) => {
      log.warn('following Microsoft failed; a coordinator can still close the ticket', { err });
      return undefined;
    });
    if (!changes) {
      scope.cancel();
      watching.catch(() => undefined); // its cancellation is expected
      return;
    }
    seen = await recordChanges(run, seen, changes.status, changes.newNotes);
  }
}

async function recordChanges(
  run: TicketRun,
  seen: MicrosoftProgressMark,
  status: string,
  newNotes: MicrosoftTicketUpdate['newNotes'],
): Promise<MicrosoftProgressMark> {
  for (const note of newNotes) {
    await run.ticket.apply({ type: 'MicrosoftNoteAdded', data: { text: note.text, by: note.createdByName, at: note.createdDate } });
  }
  if (status !== seen.status) {
    await run.ticket.apply({ type: 'MicrosoftStatusChanged', data: { status } });
  }
  return { status, noteCount: seen.noteCount + newNotes.length };
}
