import { useState } from 'preact/hooks';
import { api } from '../../api/client';
import type { TicketRef } from '../../api/ticket-ref';
import { useSession } from '../../auth/session';
import { ActionForm } from './action-form';
import { Field } from '../../ui/field';
import { useActionForm } from './use-action-form';

export function CloseForm({ ticket, onDone }: { ticket: TicketRef; onDone(): void }) {
  const [resolution, setResolution] = useState('');
  const [closedBy, setClosedBy] = useState('');
  const { name } = useSession();
  const form = useActionForm(
    ['resolution', 'closedBy'],
    () => api.close(ticket, { resolution, closedBy: closedBy || undefined }),
    onDone,
  );
  return (
    <ActionForm
      id="close"
      title="Close the ticket"
      submitLabel="Close ticket"
      successText="Ticket closed."
      state={form}
      onSubmit={form.submit}
    >
      <Field id="close-resolution" label="Resolution" errors={form.fieldErrors.resolution}>
        {(control) => (
          <textarea {...control} rows={2} value={resolution} onInput={(event) => setResolution(event.currentTarget.value)} />
        )}
      </Field>
      <Field id="close-by" label="Closed by" errors={form.fieldErrors.closedBy}>
        {(control) => (
          <input {...control} placeholder={name} value={closedBy} onInput={(event) => setClosedBy(event.currentTarget.value)} />
        )}
      </Field>
    </ActionForm>
  );
}
