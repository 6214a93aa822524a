import { log } from '@temporalio/workflow';
import type { TicketStatus } from '@escalade/domain';
import type { MicrosoftProgressMark } from '../activities';
import type { AccessGrant, CloseRequest, MicrosoftResponse, MicrosoftTicketUpdate } from '../definitions';

/** What the ticket has been told by its messages, waiting for the step that acts on it: requests, not ticket state. */
export class TicketInbox {
  closeRequest?: CloseRequest;
  accessGrant?: AccessGrant;
  response?: MicrosoftResponse;
  /** When the workflow heard of the response: its time unless the source tells Microsoft's own. */
  responseHeardAt?: Date;
  /** What Microsoft's ticket looked like when its answer was read: later notes and status changes are told from it. */
  microsoftSeen?: MicrosoftProgressMark;
  /** The watch poller's news of Microsoft's ticket after its first answer, in arrival order. */
  readonly microsoftUpdates: MicrosoftTicketUpdate[] = [];
  /** A severity change moved the due time: the response wait (or the follow-up target) re-times its marks. */
  clockChanged = false;
  /** Coordinators' notes that reached Microsoft's ticket, and when the last did: our reply to a question of Microsoft's. */
  replies = 0;
  lastReplyAt?: Date;

  /**
   * Microsoft's first answer, taken while the ticket is being filed or waits for it; a later one is not the first.
   * The API records answers by an update whose validator refuses them; a signal out of step is only logged.
   */
  answered(answer: MicrosoftResponse, status: TicketStatus): void {
    if (this.response || (status !== 'handing-off' && status !== 'awaiting-response')) {
      log.warn("an answer from Microsoft was not taken: it is not the ticket's first, or the ticket is not waiting for one", { status });
      return;
    }
    this.response = answer;
    this.responseHeardAt = new Date();
  }

  replied(): void {
    this.replies += 1;
    this.lastReplyAt = new Date();
  }

  answeredByMicrosoft({ kind, answeredAt, note, answeredBy }: NonNullable<MicrosoftTicketUpdate['answer']>, status: TicketStatus): void {
    this.answered({ note, respondedBy: answeredBy, attentionNeeded: kind === 'attention-needed', respondedAt: answeredAt }, status);
  }
}
