// Microsoft for the capture: the tests' in-process stand-in (files tickets, rejects unknown support topics, never
// answers by itself) plus a ticket's notes and status as a scenario's drive sets them, which the worker's polling
// activities then find, as they would on Partner Center. Its list of tickets (`listTickets`, inherited) reads each
// filed ticket through the two overrides below, so the watch poller sees what the drive scripted.
import type { MicrosoftAnswer, MicrosoftProgress } from '@escalade/microsoft-support';
import { TestMicrosoftSupport } from '../../test/support/test-microsoft-support';

export class ScriptedMicrosoftSupport extends TestMicrosoftSupport {
  private readonly progress = new Map<string, MicrosoftProgress>();

  /** A note on the ticket (dated now unless `createdDate` says otherwise); Microsoft's first one is its answer. */
  addNote(microsoftTicketId: string, text: string, createdByName = 'Microsoft support', createdDate = new Date().toISOString()): void {
    this.progressOf(microsoftTicketId).notes.push({ text, createdByName, createdDate });
  }

  /** Partner Center's status: open, attention_needed (Microsoft asks for information, an answer too), closed. */
  setStatus(microsoftTicketId: string, status: string): void {
    this.progressOf(microsoftTicketId).status = status;
  }

  /** As Partner Center tells it: `attention_needed`, else the first note. */
  override async findAnswer(microsoftTicketId: string): Promise<MicrosoftAnswer | undefined> {
    const progress = await this.getProgress(microsoftTicketId);
    const [first] = progress.notes;
    const answer = { answeredAt: first?.createdDate ?? new Date().toISOString(), note: first?.text, answeredBy: first?.createdByName, progress };
    if (progress.status === 'attention_needed') return { kind: 'attention-needed', ...answer };
    return first ? { kind: 'responded', ...answer } : undefined;
  }

  override async getProgress(microsoftTicketId: string): Promise<MicrosoftProgress> {
    const { status, notes } = this.progressOf(microsoftTicketId);
    return { status, notes: [...notes] };
  }

  private progressOf(microsoftTicketId: string): MicrosoftProgress {
    let progress = this.progress.get(microsoftTicketId);
    if (!progress) {
      progress = { status: 'open', notes: [] };
      this.progress.set(microsoftTicketId, progress);
    }
    return progress;
  }
}
