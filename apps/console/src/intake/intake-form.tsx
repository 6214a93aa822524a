import { ContactFields } from './contact-fields';
import { CustomerFields } from './customer-fields';
import { EligibilityPreviewCard } from './eligibility-preview';
import type { IntakeValues } from './intake-values';
import { IssueFields } from './issue-fields';
import { MarketplaceFields } from './marketplace-fields';
import { PartnerFields } from './partner-fields';
import { useIntake } from './use-intake';

/** The request's fields, the eligibility preview beside them, and the button that opens the ticket. */
export function IntakeForm({ initial }: { initial: IntakeValues }) {
  const intake = useIntake(initial);
  const { form, busy } = intake;
  return (
    <form class="intake" aria-label="New ticket" noValidate onSubmit={intake.open}>
      <div class="intake-request">
        <IssueFields form={form} />
        {form.values.product === 'marketplace' && <MarketplaceFields form={form} />}
        <CustomerFields form={form} />
        <PartnerFields form={form} />
        <ContactFields form={form} />
      </div>
      <aside class="intake-side">
        <EligibilityPreviewCard checked={intake.checked} checking={busy === 'checking'} disabled={busy !== undefined} onCheck={intake.check} />
        {intake.formError && (
          <p class="form-error" role="alert" data-testid="intake-error">
            {intake.formError}
          </p>
        )}
        <button type="submit" class="primary" disabled={busy !== undefined}>
          {busy === 'opening' ? 'Opening…' : 'Open ticket'}
        </button>
      </aside>
    </form>
  );
}
