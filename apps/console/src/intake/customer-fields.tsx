import { CheckboxField } from './checkbox-field';
import { TextField } from './text-field';
import type { IntakeForm } from './use-intake';

/** The customer the request is filed for: its Entra tenant, or the partner's own. */
export function CustomerFields({ form }: { form: IntakeForm }) {
  return (
    <fieldset class="card intake-fields">
      <legend>Customer</legend>
      <TextField form={form} field="customer.name" />
      <TextField form={form} field="customer.domain" placeholder="contoso.onmicrosoft.com" />
      <TextField form={form} field="customer.tenantId" placeholder="xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx" />
      <CheckboxField form={form} field="customer.isPartnerOwnTenant" />
    </fieldset>
  );
}
