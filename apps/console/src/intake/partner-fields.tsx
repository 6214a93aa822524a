import { PARTNER_ROLE_LABELS, SUPPORT_CONTRACT_LABELS } from '../format/labels';
import { CheckboxField } from './checkbox-field';
import { SelectField } from './select-field';
import { TextField } from './text-field';
import type { IntakeForm } from './use-intake';

/** The CSP partner filing it: its tenant, its role, and what it holds (contract, entitlement, access). */
export function PartnerFields({ form }: { form: IntakeForm }) {
  return (
    <fieldset class="card intake-fields">
      <legend>Partner</legend>
      <TextField form={form} field="partner.name" />
      <TextField form={form} field="partner.tenantId" placeholder="xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx" />
      <SelectField form={form} field="partner.role" labels={PARTNER_ROLE_LABELS} />
      <SelectField form={form} field="partner.supportContract" labels={SUPPORT_CONTRACT_LABELS} />
      <TextField form={form} field="partner.supportPlanEntitlement" placeholder="for the partner's own tenant" />
      <CheckboxField form={form} field="partner.hasAdminPrivileges" />
      <CheckboxField form={form} field="partner.azureAccessGranted" />
    </fieldset>
  );
}
