import { Field } from '../ui/field';
import { INTAKE_LABELS, intakeFieldId } from './intake-labels';
import type { TextIntakeField } from './intake-values';
import type { IntakeForm } from './use-intake';

/** A field of free text: one line of `type`, or several (`rows`). */
export function TextField(props: {
  form: IntakeForm;
  field: TextIntakeField;
  type?: 'text' | 'email' | 'url' | 'tel';
  rows?: number;
  placeholder?: string;
  class?: string;
}) {
  const { form, field, rows } = props;
  const value = form.values[field];
  const onInput = (event: { currentTarget: HTMLInputElement | HTMLTextAreaElement }) => form.set(field, event.currentTarget.value);
  return (
    <Field id={intakeFieldId(field)} label={INTAKE_LABELS[field]} errors={form.fieldErrors[field]} class={props.class}>
      {(control) =>
        rows ? (
          <textarea {...control} rows={rows} value={value} onInput={onInput} />
        ) : (
          <input {...control} type={props.type ?? 'text'} placeholder={props.placeholder} value={value} onInput={onInput} />
        )
      }
    </Field>
  );
}
