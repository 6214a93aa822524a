import { condition, patched, setHandler } from '@temporalio/workflow';
import { responseDeadline, responseWindow, SEVERITIES, type Handoff } from '@escalade/domain';
import {
  azureAccessGrantedSignal,
  changeSeverityUpdate,
  closeUpdate,
  grantAzureAccessUpdate,
  microsoftRespondedSignal,
  microsoftTicketUpdatedSignal,
  recordMicrosoftResponseUpdate,
  sendNoteUpdate,
  ticketStateQuery,
} from '../definitions';
import { MICROSOFT_IN_STEP_PATCH } from '../patches';
import type { TicketRun } from './ticket-run';

/** The ticket's messages: the state query, the signals that fill its inbox, and the updates with their validators. */
export function handleTicketMessages(run: TicketRun): void {
  const { ticket, inbox } = run;
  const status = () => ticket.state.status;
  const closing = () => !!inbox.closeRequest;

  // From the state itself, which gets its filing and due times in the same step as its `awaiting-response` status.
  setHandler(ticketStateQuery, () => {
    const { handoff, responseDueAt } = ticket.state;
    const view = run.view();
    return handoff && responseDueAt ? { ...view, responseWindow: responseWindow(new Date(handoff.filedAt), new Date(responseDueAt), run.policy) } : view;
  });
  setHandler(azureAccessGrantedSignal, (grant = {}) => {
    inbox.accessGrant = grant;
  });
  setHandler(microsoftRespondedSignal, (answer = {}) => inbox.answered(answer, status()));
  setHandler(microsoftTicketUpdatedSignal, (update) => {
    if (inbox.response) {
      inbox.microsoftUpdates.push(update);
      return;
    }
    if (update.answer) inbox.answeredByMicrosoft(update.answer, status());
    inbox.microsoftSeen = { status: update.status, noteCount: update.fromNoteCount + update.newNotes.length };
  });

  setHandler(
    recordMicrosoftResponseUpdate,
    async (answer) => {
      inbox.answered(answer, status());
      await condition(() => status() === 'responded' || status() === 'closed');
      return run.view();
    },
    {
      validator: (_answer) => {
        if (inbox.response) throw new Error(`Microsoft's answer to ticket ${run.id} is already recorded`);
        if (closing() || (status() !== 'handing-off' && status() !== 'awaiting-response')) {
          throw new Error(`Microsoft's answer is recorded while the ticket is filed or awaits it; the ticket is ${closing() ? 'closing' : status()}`);
        }
      },
    },
  );
  setHandler(
    grantAzureAccessUpdate,
    async (grant) => {
      inbox.accessGrant = grant ?? {};
      await condition(() => status() !== 'awaiting-access');
      return run.view();
    },
    {
      validator: (_grant) => {
        if (inbox.accessGrant) throw new Error(`Azure access to ticket ${run.id}'s customer is already granted`);
        if (closing() || status() !== 'awaiting-access') {
          throw new Error(`Azure access is granted while the ticket awaits it; the ticket is ${closing() ? 'closing' : status()}`);
        }
      },
    },
  );
  setHandler(
    closeUpdate,
    async (close) => {
      inbox.closeRequest = close;
      await condition(() => status() === 'closed');
      return run.view();
    },
    {
      validator: (close) => {
        if (status() === 'closed' || closing()) throw new Error(`ticket ${run.id} is already closed`);
        if (!close?.resolution?.trim()) throw new Error('resolution must not be empty');
      },
    },
  );
  setHandler(
    sendNoteUpdate,
    async ({ text, sentBy, by }) => {
      await run.inStep.sendNote((ticket.state.handoff as Handoff).microsoftTicketId, text, sentBy, by);
      inbox.replied();
      return run.view();
    },
    {
      validator: (note) => {
        if (!ticket.state.handoff || status() === 'closed' || closing()) {
          throw new Error(`notes go to Microsoft's ticket once filed and until closed; the ticket is ${status()}`);
        }
        if (!note?.text?.trim()) throw new Error('text must not be empty');
      },
    },
  );
  setHandler(
    changeSeverityUpdate,
    async ({ severity, reason, changedBy, by }) => {
      const { severity: from, handoff } = ticket.state;
      // The validator lets changes through only once filed: the target is re-timed from the filing. Once Microsoft has
      // answered, the first response's due time is past history: the follow-up target is re-timed instead.
      const filedAt = new Date((handoff as Handoff).filedAt);
      const responseDueAt =
        status() === 'responded' ? (ticket.state.responseDueAt as string) : responseDeadline(filedAt, { ...run.request, severity }, run.policy).toISOString();
      inbox.clockChanged = true;
      await ticket.apply({ type: 'SeverityChanged', data: { from, to: severity, reason, changedBy, responseDueAt, ...(by ? { by } : {}) } });
      const note = `Severity changed from ${from} to ${severity}: ${reason}`;
      if (run.fewerRoundTrips) {
        // Answered once the change is stored: the note to Microsoft follows, and the ticket closes only after it.
        run.inStep.tellMeanwhile((handoff as Handoff).microsoftTicketId, note, changedBy, by);
        return run.view();
      }
      // Added after tickets had changed severity unheard by Microsoft: those replay without telling it.
      const microsoftTicketId = ticket.state.handoff?.microsoftTicketId;
      if (microsoftTicketId && patched(MICROSOFT_IN_STEP_PATCH)) {
        await run.inStep.tell(microsoftTicketId, note, changedBy, by);
      }
      return run.view();
    },
    {
      validator: ({ severity, reason, changedBy }) => {
        const awaited = status() === 'awaiting-response' && run.awaitingResponse;
        if (!awaited && !(status() === 'responded' && run.followingUp && !closing())) {
          throw new Error(`severity changes while Microsoft's response is awaited, or its follow-up targets run; the ticket is ${status()}`);
        }
        if (!SEVERITIES.includes(severity)) throw new Error(`severity must be one of ${SEVERITIES.join(', ')}`);
        if (severity === ticket.state.severity) throw new Error(`severity is already ${severity}`);
        if (!reason?.trim() || !changedBy?.trim()) throw new Error('reason and changedBy are required');
      },
    },
  );
}
