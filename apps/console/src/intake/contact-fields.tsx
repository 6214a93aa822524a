import { TextField } from './text-field';
import type { IntakeForm } from './use-intake';

/** Whom Microsoft answers: the partner's contact, never the customer's. */
export function ContactFields({ form }: { form: IntakeForm }) {
  return (
    <fieldset class="card intake-fields">
      <legend>Contact at the partner</legend>
      <TextField form={form} field="contact.name" />
      <TextField form={form} field="contact.email" type="email" />
      <TextField form={form} field="contact.phone" type="tel" placeholder="optional" />
    </fieldset>
  );
}
