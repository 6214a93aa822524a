import type { MicrosoftProgressMark } from '../activities';
import type { MicrosoftTicketUpdate } from '../definitions';

/** The notes of the watch poller's update not seen yet: it sends at least once, so notes before our mark may repeat. */
export function unseenNotes(seen: MicrosoftProgressMark, update: MicrosoftTicketUpdate): MicrosoftTicketUpdate['newNotes'] {
  return update.newNotes.slice(Math.max(0, seen.noteCount - update.fromNoteCount));
}

/** What has been seen of Microsoft's ticket once the update is taken. */
export function seenAfter(seen: MicrosoftProgressMark, update: MicrosoftTicketUpdate): MicrosoftProgressMark {
  return { status: update.status, noteCount: Math.max(seen.noteCount, update.fromNoteCount + update.newNotes.length) };
}
