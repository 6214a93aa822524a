import { useState } from 'preact/hooks';
import { api } from '../../api/client';
import type { TicketRef } from '../../api/ticket-ref';
import { useSession } from '../../auth/session';
import { ActionForm } from './action-form';
import { Field } from '../../ui/field';
import { useActionForm } from './use-action-form';

export function MicrosoftResponseForm({ ticket, onDone }: { ticket: TicketRef; onDone(): void }) {
  const [note, setNote] = useState('');
  const [respondedBy, setRespondedBy] = useState('');
  const { name } = useSession();
  const form = useActionForm(
    ['note', 'respondedBy'],
    () => api.recordMicrosoftResponse(ticket, { note: note || undefined, respondedBy: respondedBy || undefined }),
    onDone,
  );
  return (
    <ActionForm
      id="respond"
      title="Record Microsoft's response"
      submitLabel="Record response"
      successText="Response recorded."
      state={form}
      onSubmit={form.submit}
    >
      <Field id="respond-note" label="Note" errors={form.fieldErrors.note}>
        {(control) => <textarea {...control} rows={2} value={note} onInput={(event) => setNote(event.currentTarget.value)} />}
      </Field>
      <Field id="respond-by" label="Responded by" errors={form.fieldErrors.respondedBy}>
        {(control) => (
          <input {...control} placeholder={name} value={respondedBy} onInput={(event) => setRespondedBy(event.currentTarget.value)} />
        )}
      </Field>
    </ActionForm>
  );
}
