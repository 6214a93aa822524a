import { useState } from 'preact/hooks';
import { ApiError, errorMessage } from '../../api/api-error';

export interface ActionFormState {
  busy: boolean;
  fieldErrors: Readonly<Record<string, string[]>>;
  /** A refusal that is no field's: a conflict with the ticket's state, or a failure. */
  formError?: string;
  succeeded: boolean;
}

const IDLE: ActionFormState = { busy: false, fieldErrors: {}, succeeded: false };

/**
 * Submits a coordinator action: the API's validation problems go next to their fields (`fields` names
 * those the form shows), anything else (a 409 conflict, a failure) is the form's own error.
 */
export function useActionForm(fields: readonly string[], action: () => Promise<unknown>, onDone: () => void) {
  const [state, setState] = useState<ActionFormState>(IDLE);
  const submit = async (event: Event) => {
    event.preventDefault();
    setState({ ...IDLE, busy: true });
    try {
      await action();
      setState({ ...IDLE, succeeded: true });
      onDone();
    } catch (err) {
      const fieldErrors = err instanceof ApiError ? err.fieldErrors : {};
      const ownedByFields = Object.keys(fieldErrors).length > 0 && Object.keys(fieldErrors).every((field) => fields.includes(field));
      const formError = ownedByFields ? undefined : errorMessage(err);
      setState({ ...IDLE, fieldErrors, formError });
    }
  };
  return { ...state, submit };
}
