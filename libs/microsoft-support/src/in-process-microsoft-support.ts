import {
  MicrosoftSupport,
  type FileServiceRequestCommand,
  type FiledServiceRequest,
  type MicrosoftAnswer,
  type MicrosoftProgress,
  type MicrosoftTicket,
} from './microsoft-support.port';

/**
 * An in-process stand-in for Microsoft: files tickets instantly and numbers them like Partner Center does
 * (a numeric string). The same correlation id always yields the same ticket. It never answers by itself:
 * a coordinator records the response through the API.
 */
export class InProcessMicrosoftSupport extends MicrosoftSupport {
  private readonly filed = new Map<string, FiledServiceRequest>();
  private sequence = 0;

  constructor(private readonly now: () => Date = () => new Date()) {
    super();
  }

  async fileServiceRequest({ correlationId }: FileServiceRequestCommand): Promise<FiledServiceRequest> {
    const existing = this.filed.get(correlationId);
    if (existing) return existing;
    this.sequence += 1;
    const day = this.now().toISOString().slice(2, 10).replace(/-/g, '');
    const ticket = { microsoftTicketId: `${day}${String(this.sequence).padStart(10, '0')}`, createdAt: this.now().toISOString() };
    this.filed.set(correlationId, ticket);
    return ticket;
  }

  async findAnswer(_microsoftTicketId: string): Promise<MicrosoftAnswer | undefined> {
    return undefined;
  }

  async getProgress(_microsoftTicketId: string): Promise<MicrosoftProgress> {
    return { status: 'open', notes: [] };
  }

  /** The filed tickets, each as `getProgress` and `findAnswer` tell it, so a subclass scripting those lists what it scripts. */
  async listTickets(): Promise<MicrosoftTicket[]> {
    return Promise.all(
      [...this.filed.values()].map(async ({ microsoftTicketId }) => {
        const found = await this.findAnswer(microsoftTicketId);
        if (!found) return { microsoftTicketId, progress: await this.getProgress(microsoftTicketId) };
        const { progress, ...answer } = found;
        return { microsoftTicketId, progress, answer };
      }),
    );
  }

  /** Our notes, by ref, each with its ticket and text: the stand-in keeps them apart from Microsoft's. */
  readonly notesSent = new Map<string, { microsoftTicketId: string; text: string }>();
  readonly closedByUs = new Set<string>();

  async sendNote(microsoftTicketId: string, { text, ref }: { text: string; ref: string }): Promise<void> {
    if (!this.notesSent.has(ref)) this.notesSent.set(ref, { microsoftTicketId, text });
  }

  async closeTicket(microsoftTicketId: string): Promise<'closed' | 'already-closed'> {
    if ((await this.getProgress(microsoftTicketId)).status === 'closed' || this.closedByUs.has(microsoftTicketId)) return 'already-closed';
    this.closedByUs.add(microsoftTicketId);
    return 'closed';
  }

  get filedCount(): number {
    return this.filed.size;
  }
}
