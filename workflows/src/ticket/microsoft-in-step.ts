import { ActivityFailure, isCancellation, log, proxyActivities } from '@temporalio/workflow';
import type { Actor } from '@escalade/domain';
import type { ServiceRequestActivities } from '../activities';
import type { TicketLedger } from './ticket-ledger';

const { sendNoteToMicrosoft, closeMicrosoftTicket } = proxyActivities<ServiceRequestActivities>({
  startToCloseTimeout: '20 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

/** Keeps Microsoft's ticket in step with ours: our notes go to it, and closing ours closes it. */
export class MicrosoftInStep {
  private notesSent = 0;
  private readonly telling: Promise<void>[] = [];

  constructor(
    private readonly ticketId: string,
    private readonly ticket: TicketLedger,
  ) {}

  /** Sends the note, then records it; a failure (Microsoft refusing it) is the caller's to report. */
  async sendNote(microsoftTicketId: string, text: string, sentBy?: string, by?: Actor): Promise<void> {
    this.notesSent += 1;
    const ref = `${this.ticketId}:note:${this.notesSent}`;
    await sendNoteToMicrosoft({ microsoftTicketId, text, ref });
    await this.ticket.apply({ type: 'NoteSentToMicrosoft', data: { text, ref, ...(sentBy ? { sentBy } : {}), ...(by ? { by } : {}) } });
  }

  /** Our own note about a change of ours: Microsoft refusing it does not undo the change. */
  async tell(microsoftTicketId: string, text: string, sentBy?: string, by?: Actor): Promise<void> {
    try {
      await this.sendNote(microsoftTicketId, text, sentBy, by);
    } catch (err) {
      if (!(err instanceof ActivityFailure)) throw err;
      log.warn("Microsoft's ticket was not told", { microsoftTicketId, reason: err.cause?.message ?? err.message });
    }
  }

  /** Tells Microsoft without holding up the caller: `told` waits for it. */
  tellMeanwhile(microsoftTicketId: string, text: string, sentBy?: string, by?: Actor): void {
    // A ticket cancelled meanwhile leaves Microsoft untold, as it would have while the caller waited.
    const telling = this.tell(microsoftTicketId, text, sentBy, by).catch((err: unknown) => {
      if (!isCancellation(err)) throw err;
    });
    this.telling.push(telling);
  }

  /** Resolves once every note of `tellMeanwhile` is sent or given up. */
  async told(): Promise<void> {
    await Promise.all(this.telling);
  }

  /** `unfollow`: the watch poller stops following it, by the same activity. */
  async close(microsoftTicketId: string, unfollow = false): Promise<void> {
    try {
      const closed = await closeMicrosoftTicket({ microsoftTicketId, ...(unfollow ? { unfollow } : {}) });
      await this.ticket.apply({ type: 'MicrosoftTicketClosed', data: { microsoftTicketId, alreadyClosed: closed === 'already-closed' } });
    } catch (err) {
      if (!(err instanceof ActivityFailure)) throw err;
      log.warn("Microsoft's ticket was not closed", { microsoftTicketId, reason: err.cause?.message ?? err.message });
    }
  }
}
