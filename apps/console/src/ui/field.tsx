import type { ComponentChildren } from 'preact';

/** What a form control needs to be labelled by its field and described by the field's errors. */
export interface ControlProps {
  id: string;
  'aria-invalid': boolean;
  'aria-describedby'?: string;
}

/** A labelled control with the API's problems for it shown right under it; `class` adds to the field's own. */
export function Field(props: { id: string; label: string; errors?: string[]; class?: string; children(control: ControlProps): ComponentChildren }) {
  const { id, label, errors = [] } = props;
  const errorId = `${id}-error`;
  const invalid = errors.length > 0;
  return (
    <div class={['field', props.class, invalid && 'invalid'].filter(Boolean).join(' ')}>
      <label for={id}>{label}</label>
      {props.children({ id, 'aria-invalid': invalid, 'aria-describedby': invalid ? errorId : undefined })}
      {invalid && (
        <p class="field-error" id={errorId} data-testid={errorId}>
          {errors.join('; ')}
        </p>
      )}
    </div>
  );
}
