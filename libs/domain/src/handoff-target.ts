import { normaliseDomain } from './domain-name';
import { CATEGORY_LABELS, PRODUCT_LABELS } from './labels';
import type { ServiceRequest } from './service-request';
import type { HandoffTarget } from './ticket';

const AZURE_PORTAL_URL = 'https://portal.azure.com/';
const M365_SUPPORT_URL = 'https://admin.microsoft.com/Adminportal/Home#/support';
const CSP_SUPPORT_PLAN = 'Cloud Solution Provider';

/** Where the ticket is written at Microsoft, for a request already found eligible. */
export function decideHandoffTarget(request: ServiceRequest): HandoffTarget {
  switch (request.product) {
    case 'azure':
      return azureTarget(request);
    case 'office365':
    case 'dynamics365':
    case 'ems':
      return {
        portal: 'microsoft-365-admin-center',
        url: M365_SUPPORT_URL,
        context: request.customer.isPartnerOwnTenant ? 'partner' : 'customer',
        supportCategory: `${PRODUCT_LABELS[request.product]} — ${CATEGORY_LABELS[request.category]}`,
      };
    case 'marketplace':
      throw new Error('Commercial-marketplace requests are never handed off to Microsoft: they go to the ISV');
  }
}

function azureTarget({ customer, partner }: ServiceRequest): HandoffTarget {
  if (customer.isPartnerOwnTenant) {
    const entitlement = partner.supportPlanEntitlement?.trim();
    if (!entitlement) {
      throw new Error("An Azure request for the partner's own tenant needs a support-plan entitlement");
    }
    return { portal: 'azure-portal', url: AZURE_PORTAL_URL, context: 'partner', supportPlan: entitlement };
  }
  const domain = encodeURIComponent(normaliseDomain(customer.domain));
  if (domain === '') throw new Error('An Azure request for a customer needs the customer domain');
  // Without admin privileges the seed opens the portal on the customer's domain, then the subscription.
  const url = partner.hasAdminPrivileges ? `${AZURE_PORTAL_URL}#@${domain}` : `${AZURE_PORTAL_URL}${domain}`;
  return { portal: 'azure-portal', url, context: 'customer', supportPlan: CSP_SUPPORT_PLAN };
}
