import { useState } from 'preact/hooks';
import { api } from '../../api/client';
import { ActionForm } from './action-form';
import { Field } from './field';
import { useActionForm } from './use-action-form';

export function CloseForm({ ticketId, onDone }: { ticketId: string; onDone(): void }) {
  const [resolution, setResolution] = useState('');
  const [closedBy, setClosedBy] = useState('');
  const form = useActionForm(
    ['resolution', 'closedBy'],
    () => api.close(ticketId, { resolution, closedBy: closedBy || undefined }),
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
        {(control) => <input {...control} value={closedBy} onInput={(event) => setClosedBy(event.currentTarget.value)} />}
      </Field>
    </ActionForm>
  );
}
