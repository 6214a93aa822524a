import { Injectable } from '@nestjs/common';
import type {
  AccessGrantedTicket,
  CancellingTicket,
  ClosedTicket,
  NoteSentTicket,
  ResponseRecordedTicket,
  SeverityChangedTicket,
} from '@escalade/contract';
import type { TicketState } from '@escalade/domain';
import { changeSeverityUpdate, closeUpdate, grantAzureAccessUpdate, recordMicrosoftResponseUpdate, sendNoteUpdate } from '@escalade/workflows';
import { actorOf, type Principal } from '../auth/principal';
import { invalidRequest } from '../validation/validation-exception.factory';
import type { AzureAccessGrantedDto, ChangeSeverityDto, CloseServiceRequestDto, MicrosoftResponseDto, SendNoteDto } from './dto/ticket-actions.dto';
import type { TicketRef } from './ticket-locator';
import { TicketWorkflows } from './ticket-workflow';

/**
 * What coordinators do to a ticket. Each is an update of its workflow, whose validator decides against the state
 * the workflow holds (a 409 saying why when it refuses); the answer is the state the workflow reached.
 */
@Injectable()
export class TicketCommands {
  constructor(private readonly workflows: TicketWorkflows) {}

  /** Ends the wait for Microsoft (and any escalation); `respondedAt` is checked against the ticket (400). */
  async recordMicrosoftResponse(principal: Principal, ref: TicketRef, body: MicrosoftResponseDto): Promise<ResponseRecordedTicket> {
    const workflow = await this.workflows.find(principal, ref);
    const respondedAt = body.respondedAt === undefined ? undefined : answerTimeWithin(body.respondedAt, await workflow.state());
    const answer = { note: body.note, respondedBy: body.respondedBy ?? principal.name, respondedAt, by: actorOf(principal) };
    return workflow.update(recordMicrosoftResponseUpdate, answer, { action: "record Microsoft's response on", pending: 'recordingResponse' });
  }

  async grantAzureAccess(principal: Principal, ref: TicketRef, body: AzureAccessGrantedDto): Promise<AccessGrantedTicket> {
    const workflow = await this.workflows.find(principal, ref);
    const grant = { grantedBy: body.grantedBy ?? principal.name, by: actorOf(principal) };
    return workflow.update(grantAzureAccessUpdate, grant, { action: 'grant Azure access to', pending: 'grantingAccess' });
  }

  /** Re-times the response target while Microsoft's response is awaited. */
  async changeSeverity(principal: Principal, ref: TicketRef, { severity, reason, changedBy }: ChangeSeverityDto): Promise<SeverityChangedTicket> {
    const workflow = await this.workflows.find(principal, ref);
    const change = { severity, reason, changedBy: changedBy ?? principal.name, by: actorOf(principal) };
    return workflow.update(changeSeverityUpdate, change, { action: 'change the severity of', pending: 'changingSeverity' });
  }

  /** Sends the note to Microsoft's ticket and records it, once filed and until closed (or Microsoft refuses it). */
  async sendNote(principal: Principal, ref: TicketRef, { text, sentBy }: SendNoteDto): Promise<NoteSentTicket> {
    const workflow = await this.workflows.find(principal, ref);
    const note = { text, sentBy: sentBy ?? principal.name, by: actorOf(principal) };
    return workflow.update(sendNoteUpdate, note, { action: 'send a note on', pending: 'sendingNote' });
  }

  /** The final state. */
  async close(principal: Principal, ref: TicketRef, body: CloseServiceRequestDto): Promise<ClosedTicket> {
    const workflow = await this.workflows.find(principal, ref);
    const close = { resolution: body.resolution, closedBy: body.closedBy ?? principal.name, by: actorOf(principal) };
    return workflow.update(closeUpdate, close, { action: 'close', pending: 'closing' });
  }

  /** Cancels the ticket's workflow, which ends with the outcome "cancelled"; the status is the one it had. */
  async cancel(principal: Principal, ref: TicketRef): Promise<CancellingTicket> {
    const workflow = await this.workflows.find(principal, ref);
    const { id, status } = await workflow.state();
    if (status === 'closed') throw workflow.refused('cancel', `it is ${status}`);
    await workflow.handle.cancel();
    return { id, status };
  }
}

/** A coordinator's answer time, checked against the ticket: between its filing (or receipt, while filing) and now. */
function answerTimeWithin(respondedAt: string, state: TicketState): string {
  const at = new Date(respondedAt);
  const [since, what] = state.handoff ? [state.handoff.filedAt, 'filed with Microsoft'] : [state.receivedAt, 'received'];
  if (at.getTime() > Date.now()) {
    throw invalidRequest([{ field: 'respondedAt', problems: [`respondedAt must not be in the future (it is ${at.toISOString()})`] }]);
  }
  if (at.getTime() < Date.parse(since)) {
    throw invalidRequest([{ field: 'respondedAt', problems: [`respondedAt must not be before the ticket was ${what} (${since})`] }]);
  }
  return at.toISOString();
}
