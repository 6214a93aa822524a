import type { ComponentChildren } from 'preact';
import type { ActionFormState } from './use-action-form';

/** The frame of a coordinator action: its heading, fields, submit button, and what came of the last try. */
export function ActionForm(props: {
  id: string;
  title: string;
  submitLabel: string;
  successText: string;
  state: ActionFormState;
  onSubmit(event: Event): void;
  children: ComponentChildren;
}) {
  const { id, title, state } = props;
  return (
    <form class="action-form" aria-labelledby={`${id}-title`} noValidate onSubmit={props.onSubmit} data-testid={id}>
      <h3 id={`${id}-title`}>{title}</h3>
      {props.children}
      {state.formError && (
        <p class="form-error" role="alert" data-testid={`${id}-error`}>
          {state.formError}
        </p>
      )}
      {state.succeeded && (
        <p class="form-success" role="status">
          {props.successText}
        </p>
      )}
      <button type="submit" disabled={state.busy}>
        {state.busy ? 'Sending…' : props.submitLabel}
      </button>
    </form>
  );
}
