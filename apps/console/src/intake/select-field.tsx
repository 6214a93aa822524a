import { Field } from '../ui/field';
import { INTAKE_LABELS, intakeFieldId } from './intake-labels';
import type { ChoiceIntakeField, IntakeValues } from './intake-values';
import type { IntakeForm } from './use-intake';

/** One of the domain's values, each option named by its label (`labels` lists them in order). */
export function SelectField<Field extends ChoiceIntakeField>(props: {
  form: IntakeForm;
  field: Field;
  labels: Record<IntakeValues[Field], string>;
}) {
  const { form, field, labels } = props;
  const options = Object.entries(labels) as Array<[IntakeValues[Field], string]>;
  return (
    <Field id={intakeFieldId(field)} label={INTAKE_LABELS[field]} errors={form.fieldErrors[field]}>
      {(control) => (
        <select {...control} value={form.values[field]} onChange={(event) => form.set(field, event.currentTarget.value as IntakeValues[Field])}>
          {options.map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}
