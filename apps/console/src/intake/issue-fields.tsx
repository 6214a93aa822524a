import { CATEGORY_LABELS, INCIDENT_TYPE_LABELS, PRODUCT_LABELS } from '@escalade/domain';
import { CHANNEL_LABELS, SEVERITY_LABELS } from '../format/labels';
import { SelectField } from './select-field';
import { TextField } from './text-field';
import type { IntakeForm } from './use-intake';

/** What the request is about, how urgent, and how it came in. */
export function IssueFields({ form }: { form: IntakeForm }) {
  return (
    <fieldset class="card intake-fields">
      <legend>The issue</legend>
      <TextField form={form} field="title" class="wide" />
      <TextField form={form} field="description" rows={4} class="wide" />
      <SelectField form={form} field="product" labels={PRODUCT_LABELS} />
      <SelectField form={form} field="category" labels={CATEGORY_LABELS} />
      <SelectField form={form} field="severity" labels={SEVERITY_LABELS} />
      <SelectField form={form} field="incidentType" labels={INCIDENT_TYPE_LABELS} />
      <TextField form={form} field="language" placeholder="en, fr-CA…" />
      <SelectField form={form} field="channel" labels={CHANNEL_LABELS} />
    </fieldset>
  );
}
