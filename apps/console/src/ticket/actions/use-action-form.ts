import { useState } from 'preact/hooks';
import { formRefusal, type FormRefusal } from '../../api/api-error';

export interface ActionFormState extends FormRefusal {
  busy: boolean;
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
      setState({ ...IDLE, ...formRefusal(err, fields) });
    }
  };
  return { ...state, submit };
}
