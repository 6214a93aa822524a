import { SEVERITIES, type Severity } from '@escalade/domain';
import { useState } from 'preact/hooks';
import { api } from '../../api/client';
import type { TicketRef } from '../../api/ticket-ref';
import { useSession } from '../../auth/session';
import { ActionForm } from './action-form';
import { Field } from '../../ui/field';
import { useActionForm } from './use-action-form';

export function SeverityForm({ ticket, current, onDone }: { ticket: TicketRef; current: Severity; onDone(): void }) {
  const [severity, setSeverity] = useState<Severity>(current);
  const [reason, setReason] = useState('');
  const [changedBy, setChangedBy] = useState('');
  const { name } = useSession();
  const form = useActionForm(
    ['severity', 'reason', 'changedBy'],
    () => api.changeSeverity(ticket, { severity, reason, changedBy: changedBy || undefined }),
    onDone,
  );
  return (
    <ActionForm
      id="severity"
      title="Change severity"
      submitLabel="Change severity"
      successText={`Severity changed to ${severity}.`}
      state={form}
      onSubmit={form.submit}
    >
      <Field id="severity-severity" label="New severity" errors={form.fieldErrors.severity}>
        {(control) => (
          <select {...control} value={severity} onChange={(event) => setSeverity(event.currentTarget.value as Severity)}>
            {SEVERITIES.map((option) => (
              <option key={option} value={option}>
                {option}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field id="severity-reason" label="Reason" errors={form.fieldErrors.reason}>
        {(control) => <input {...control} value={reason} onInput={(event) => setReason(event.currentTarget.value)} />}
      </Field>
      <Field id="severity-changed-by" label="Changed by" errors={form.fieldErrors.changedBy}>
        {(control) => (
          <input {...control} placeholder={name} value={changedBy} onInput={(event) => setChangedBy(event.currentTarget.value)} />
        )}
      </Field>
    </ActionForm>
  );
}
