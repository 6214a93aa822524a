import { Field } from '../ui/field';
import { INTAKE_LABELS, intakeFieldId } from './intake-labels';
import type { FlagIntakeField } from './intake-values';
import type { IntakeForm } from './use-intake';

/** A yes or no, ticked or not. */
export function CheckboxField({ form, field }: { form: IntakeForm; field: FlagIntakeField }) {
  return (
    <Field id={intakeFieldId(field)} label={INTAKE_LABELS[field]} errors={form.fieldErrors[field]} class="check">
      {(control) => (
        <input {...control} type="checkbox" checked={form.values[field]} onChange={(event) => form.set(field, event.currentTarget.checked)} />
      )}
    </Field>
  );
}
