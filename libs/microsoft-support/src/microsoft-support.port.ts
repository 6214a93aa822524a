import type { HandoffTarget, ServiceRequest } from '@escalade/domain';

export interface FileServiceRequestCommand {
  /** Sent with the request so that Microsoft, or our simulator, never files the same ticket twice on a retry. */
  correlationId: string;
  target: HandoffTarget;
  request: ServiceRequest;
}

export interface FiledServiceRequest {
  microsoftTicketId: string;
  /** When Microsoft created the ticket (Partner Center's createdDate): the response clock starts there. */
  createdAt: string;
}

/** Microsoft's first engagement with a filed ticket: an answer, or a request for more information. */
export interface MicrosoftAnswer {
  kind: 'responded' | 'attention-needed';
  answeredAt: string;
  note?: string;
  answeredBy?: string;
  /** The ticket as it stood then, so what comes later can be told apart. */
  progress: MicrosoftProgress;
}

export interface MicrosoftNote {
  text: string;
  createdByName: string;
  createdDate: string;
}

/** The ticket's status at Microsoft (Partner Center: none, open, closed, attention_needed) and its notes, oldest first. */
export interface MicrosoftProgress {
  status: string;
  notes: MicrosoftNote[];
}

/** Microsoft's first engagement, without the ticket's state around it. */
export type MicrosoftFirstAnswer = Omit<MicrosoftAnswer, 'progress'>;

/** One of the partner's tickets at Microsoft, as a list of them shows it: what the watch poller compares. */
export interface MicrosoftTicket {
  microsoftTicketId: string;
  progress: MicrosoftProgress;
  /** Microsoft's first engagement with it, once there is one; `answeredAt` is Microsoft's own time. */
  answer?: MicrosoftFirstAnswer;
}

/** Microsoft's support intake as the workflow sees it; an abstract class so NestJS can inject it by type. */
export abstract class MicrosoftSupport {
  abstract fileServiceRequest(command: FileServiceRequestCommand): Promise<FiledServiceRequest>;

  /** Microsoft's first answer to the ticket, or undefined while there is none. */
  abstract findAnswer(microsoftTicketId: string): Promise<MicrosoftAnswer | undefined>;

  abstract getProgress(microsoftTicketId: string): Promise<MicrosoftProgress>;

  /**
   * Every ticket the partner has at Microsoft (Partner Center's partner-level list, all pages): one call a poll
   * for all waiting tickets, instead of one a ticket.
   */
  abstract listTickets(): Promise<MicrosoftTicket[]>;

  /**
   * Adds our note to Microsoft's ticket, once: `ref` (unique per note) is kept with it, so a retried call finds it and
   * adds nothing. Our notes are never read back as Microsoft's answer or news.
   */
  abstract sendNote(microsoftTicketId: string, note: { text: string; ref: string }): Promise<void>;

  /** Closes Microsoft's ticket, unless Microsoft already has: says which. */
  abstract closeTicket(microsoftTicketId: string): Promise<'closed' | 'already-closed'>;
}
