import { useState } from 'preact/hooks';
import { api } from '../../api/client';
import type { TicketRef } from '../../api/ticket-ref';
import { useSession } from '../../auth/session';
import { ActionForm } from './action-form';
import { Field } from '../../ui/field';
import { useActionForm } from './use-action-form';

/** A note added to Microsoft's ticket (`POST …/notes`): our reply when Microsoft waits for information from us. */
export function NoteForm({ ticket, onDone }: { ticket: TicketRef; onDone(): void }) {
  const [text, setText] = useState('');
  const [sentBy, setSentBy] = useState('');
  const { name } = useSession();
  const form = useActionForm(['text', 'sentBy'], () => api.sendNote(ticket, { text, sentBy: sentBy || undefined }), onDone);
  return (
    <ActionForm id="message" title="Write to Microsoft" submitLabel="Send to Microsoft" successText="Sent to Microsoft." state={form} onSubmit={form.submit}>
      <Field id="message-text" label="Message to Microsoft" errors={form.fieldErrors.text}>
        {(control) => <textarea {...control} rows={2} value={text} onInput={(event) => setText(event.currentTarget.value)} />}
      </Field>
      <Field id="message-by" label="Sent by" errors={form.fieldErrors.sentBy}>
        {(control) => <input {...control} placeholder={name} value={sentBy} onInput={(event) => setSentBy(event.currentTarget.value)} />}
      </Field>
    </ActionForm>
  );
}
