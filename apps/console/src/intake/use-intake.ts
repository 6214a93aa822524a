import type { EligibilityPreview } from '@escalade/contract';
import { useState } from 'preact/hooks';
import { formRefusal, NO_REFUSAL, type FormRefusal } from '../api/api-error';
import { api } from '../api/client';
import { navigate } from '../routing/navigation';
import { ticketHref } from '../routing/routes';
import { IdempotencyKeys } from './idempotency-keys';
import { INTAKE_FIELDS } from './intake-labels';
import { requestOf, type IntakeField, type IntakeValues } from './intake-values';

/** What a field's control reads and changes: the values, the API's problems by field, and a setter. */
export interface IntakeForm {
  values: IntakeValues;
  fieldErrors: FormRefusal['fieldErrors'];
  set<Field extends IntakeField>(field: Field, value: IntakeValues[Field]): void;
}

/** The last eligibility check's answer; `stale` once the form no longer holds the request it checked. */
export interface CheckedEligibility {
  preview: EligibilityPreview;
  stale: boolean;
}

type Busy = 'checking' | 'opening';

/**
 * The intake form: its values, the eligibility check (POST /eligibility/check, which opens nothing) and opening the
 * ticket (POST /service-requests, then its page). Either call's 400 puts each problem beside its field.
 */
export function useIntake(initial: IntakeValues) {
  const [values, setValues] = useState(initial);
  const [refusal, setRefusal] = useState<FormRefusal>(NO_REFUSAL);
  const [checked, setChecked] = useState<{ preview: EligibilityPreview; body: string }>();
  const [busy, setBusy] = useState<Busy>();
  const [keys] = useState(() => new IdempotencyKeys());
  const request = requestOf(values);
  const body = JSON.stringify(request);

  async function run<T>(doing: Busy, call: () => Promise<T>, done: (result: T) => void): Promise<void> {
    setBusy(doing);
    setRefusal(NO_REFUSAL);
    try {
      done(await call());
    } catch (err) {
      setRefusal(formRefusal(err, INTAKE_FIELDS));
    }
    setBusy(undefined);
  }

  const form: IntakeForm = {
    values,
    fieldErrors: refusal.fieldErrors,
    set: (field, value) => setValues((current) => ({ ...current, [field]: value })),
  };
  return {
    form,
    formError: refusal.formError,
    checked: checked && { preview: checked.preview, stale: checked.body !== body },
    busy,
    check: () => run('checking', () => api.checkEligibility(request), (preview) => setChecked({ preview, body })),
    /**
     * A double submit sends the same body with the same key: one ticket. Its page replaces the form in the history:
     * going back does not show a form already sent (and both answers of a double submit make one entry).
     */
    open: (event: Event) => {
      event.preventDefault();
      void run('opening', () => api.openTicket(request, keys.keyFor(body)), (opened) => navigate(ticketHref(opened), { replace: true }));
    },
  };
}
