import { CATEGORY_LABELS, INCIDENT_TYPE_LABELS, PRODUCT_LABELS } from './labels';
import { normaliseDomain } from './domain-name';
import { SUPPORT_CONTRACTS, type Category, type IsvSupport, type ServiceRequest } from './service-request';
import type { EligibilityDecision, RedirectTarget } from './ticket';

const DYNAMICS_SUPPORT: RedirectTarget = {
  kind: 'dynamics-support',
  name: 'Dynamics support',
  url: 'https://learn.microsoft.com/dynamics365/customer-engagement/admin/contact-technical-support',
};

const DYNAMICS_SUPPORT_CATEGORIES: ReadonlySet<Category> = new Set<Category>([
  'licensing',
  'billing',
  'billing-dispute',
  'subscription-management',
]);

const FREE_CATEGORIES: ReadonlySet<Category> = new Set<Category>(['billing', 'billing-dispute', 'subscription-management']);

/** Returns why the rule fails, or undefined; the reason must not contain "; ", which separates rules in a refusal. */
type RefusalRule = (request: ServiceRequest) => string | undefined;

/** The first workflow step: may this request go to Microsoft through the CSP route, and if not, why. */
export function decideEligibility(request: ServiceRequest): EligibilityDecision {
  return redirection(request) ?? refusal(request) ?? missingAzureAccess(request) ?? eligible(request);
}

/** Redirects win over refusals: such a request is not Microsoft's via this route at all. */
function redirection({ product, category, marketplace }: ServiceRequest): EligibilityDecision | undefined {
  if (product === 'marketplace') {
    const noSupport = 'Microsoft gives no support for commercial-marketplace products';
    if (!marketplace) {
      return {
        decision: 'redirected',
        reason: `${noSupport}: contact the ISV that published the product (its support contacts are on the product's marketplace page)`,
      };
    }
    return {
      decision: 'redirected',
      reason: `"${marketplace.productName}" is a commercial-marketplace product and ${noSupport}: contact its publisher, ${marketplace.isv.name}`,
      redirectTo: isvTarget(marketplace.isv),
    };
  }
  if (product === 'dynamics365' && DYNAMICS_SUPPORT_CATEGORIES.has(category)) {
    return {
      decision: 'redirected',
      reason: `Dynamics 365 ${CATEGORY_LABELS[category].toLowerCase()} questions go to Dynamics support, outside the CSP support route`,
      redirectTo: { ...DYNAMICS_SUPPORT },
    };
  }
  return undefined;
}

function isvTarget(isv: IsvSupport): RedirectTarget {
  const target: RedirectTarget = { kind: 'isv', name: isv.name };
  if (isv.supportUrl) target.url = isv.supportUrl;
  if (isv.supportEmail) target.email = isv.supportEmail;
  if (isv.supportPhone) target.phone = isv.supportPhone;
  return target;
}

const phoneChannel: RefusalRule = ({ channel }) =>
  channel === 'phone'
    ? 'The program has no phone channel: service requests are filed through Partner Center'
    : undefined;

const customerContact: RefusalRule = ({ contact, customer }) => {
  const emailDomain = normaliseDomain(contact.email.slice(contact.email.lastIndexOf('@') + 1));
  const customerDomain = normaliseDomain(customer.domain);
  const isCustomers =
    customerDomain !== '' && (emailDomain === customerDomain || emailDomain.endsWith(`.${customerDomain}`));
  return isCustomers
    ? `Contact details must be the partner's, not the customer's (the contact e-mail is in the customer's domain ${customerDomain})`
    : undefined;
};

const ownTenantWithoutEntitlement: RefusalRule = ({ customer, partner }) =>
  customer.isPartnerOwnTenant && !partner.supportPlanEntitlement?.trim()
    ? "The partner's own tenant is not covered by the CSP support benefit: the request needs a support-plan entitlement such as an MPN contract ID, a Premier contract or an Azure support plan"
    : undefined;

const dynamicsWithoutAsfp: RefusalRule = ({ product, category, partner }) =>
  product === 'dynamics365' &&
  category === 'technical' &&
  SUPPORT_CONTRACTS.indexOf(partner.supportContract) < SUPPORT_CONTRACTS.indexOf('asfp')
    ? `Dynamics 365 incidents need an Advanced Support for Partners (ASfP) contract or higher (the partner holds: ${partner.supportContract})`
    : undefined;

const REFUSAL_RULES: readonly RefusalRule[] = [phoneChannel, customerContact, ownTenantWithoutEntitlement, dynamicsWithoutAsfp];

function refusal(request: ServiceRequest): EligibilityDecision | undefined {
  const reasons = REFUSAL_RULES.map((rule) => rule(request)).filter((reason): reason is string => reason !== undefined);
  return reasons.length > 0 ? { decision: 'refused', reason: reasons.join('; ') } : undefined;
}

function missingAzureAccess({ product, customer, partner }: ServiceRequest): EligibilityDecision | undefined {
  if (product !== 'azure' || partner.role !== 'indirect-reseller' || customer.isPartnerOwnTenant || partner.azureAccessGranted) {
    return undefined;
  }
  return {
    decision: 'needs-access',
    reason:
      "The indirect provider must grant the reseller access to the customer's Azure account before it can file (this is separate from admin-on-behalf-of for Office 365)",
  };
}

function eligible({ product, category, incidentType, customer, partner }: ServiceRequest): EligibilityDecision {
  const scope = category === 'technical' ? INCIDENT_TYPE_LABELS[incidentType] : CATEGORY_LABELS[category].toLowerCase();
  const what = `${PRODUCT_LABELS[product]}, ${scope}`;
  if (customer.isPartnerOwnTenant) {
    return {
      decision: 'eligible',
      reason: `Filed for the partner's own tenant under support-plan entitlement ${partner.supportPlanEntitlement?.trim()} (${what})`,
    };
  }
  const free = FREE_CATEGORIES.has(category) ? ', which includes billing and subscription-management support for free' : '';
  return { decision: 'eligible', reason: `Covered by the CSP support benefit (${what})${free}` };
}
