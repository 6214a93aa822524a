// An example request for tests and demos: eligible unless overridden.
import type { Contact, Customer, Partner, ServiceRequest } from '../service-request';

export interface ServiceRequestOverrides extends Partial<Omit<ServiceRequest, 'customer' | 'partner' | 'contact'>> {
  customer?: Partial<Customer>;
  partner?: Partial<Partner>;
  contact?: Partial<Contact>;
}

/** An eligible Azure break/fix request, severity A, in English, filed by an indirect provider for Contoso. */
export function aServiceRequest(overrides: ServiceRequestOverrides = {}): ServiceRequest {
  const { customer, partner, contact, ...rest } = overrides;
  return {
    title: 'Virtual machines unreachable',
    description: 'Every VM in the production subscription stopped answering at 09:12 UTC.',
    product: 'azure',
    category: 'technical',
    severity: 'A',
    incidentType: 'break-fix',
    language: 'en-US',
    channel: 'portal',
    ...rest,
    customer: {
      tenantId: '11111111-1111-1111-1111-111111111111',
      domain: 'contoso.com',
      name: 'Contoso Ltd',
      isPartnerOwnTenant: false,
      ...customer,
    },
    partner: {
      tenantId: '22222222-2222-2222-2222-222222222222',
      name: 'Fabrikam Cloud Services',
      role: 'indirect-provider',
      hasAdminPrivileges: true,
      azureAccessGranted: false,
      supportContract: 'none',
      ...partner,
    },
    contact: { name: 'Ada Support', email: 'ada@fabrikam.com', phone: '+33 1 23 45 67 89', ...contact },
  };
}
