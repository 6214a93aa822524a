import { canAct, useSession } from '../auth/session';
import { blankIntake } from './intake-values';
import { IntakeForm } from './intake-form';

/** The partner tenant to fill in: the session's, when it acts for exactly one (`*` is every one). */
const onlyPartnerOf = (partnerTenantIds: readonly string[]): string | undefined =>
  partnerTenantIds.length === 1 && partnerTenantIds[0] !== '*' ? partnerTenantIds[0] : undefined;

/** `/tickets/new`: a coordinator files a request; a viewer is told why there is no form. */
export function IntakePage() {
  const { role, partnerTenantIds } = useSession();
  return (
    <section class="page">
      <header class="page-header">
        <h1>New ticket</h1>
      </header>
      {canAct(role) ? (
        <IntakeForm initial={blankIntake(onlyPartnerOf(partnerTenantIds))} />
      ) : (
        <p class="empty" data-testid="intake-not-allowed">
          Opening a ticket needs the coordinator role.
        </p>
      )}
    </section>
  );
}
