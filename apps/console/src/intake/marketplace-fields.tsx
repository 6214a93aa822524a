import { TextField } from './text-field';
import type { IntakeForm } from './use-intake';

/** A commercial-marketplace offer and its publisher, whose support the request is sent to. */
export function MarketplaceFields({ form }: { form: IntakeForm }) {
  return (
    <fieldset class="card intake-fields" data-testid="marketplace-fields">
      <legend>Marketplace offer</legend>
      <TextField form={form} field="marketplace.productName" />
      <TextField form={form} field="marketplace.isv.name" />
      <TextField form={form} field="marketplace.isv.supportUrl" type="url" placeholder="optional" />
      <TextField form={form} field="marketplace.isv.supportEmail" type="email" placeholder="optional" />
      <TextField form={form} field="marketplace.isv.supportPhone" type="tel" placeholder="optional" />
    </fieldset>
  );
}
