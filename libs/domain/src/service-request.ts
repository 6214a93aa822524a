// The request a CSP partner files with Microsoft on behalf of a customer (see shared/domain/service-requests.md).

export const PRODUCTS = ['azure', 'office365', 'dynamics365', 'ems', 'marketplace'] as const;
export type Product = (typeof PRODUCTS)[number];

export const CATEGORIES = [
  'technical',
  'billing',
  'billing-dispute',
  'fraud',
  'subscription-management',
  'licensing',
] as const;
export type Category = (typeof CATEGORIES)[number];

export const SEVERITIES = ['A', 'B', 'C'] as const;
export type Severity = (typeof SEVERITIES)[number];

export const INCIDENT_TYPES = ['break-fix', 'non-break-fix'] as const;
export type IncidentType = (typeof INCIDENT_TYPES)[number];

export const CHANNELS = ['portal', 'phone'] as const;
export type Channel = (typeof CHANNELS)[number];

export const PARTNER_ROLES = ['indirect-provider', 'indirect-reseller'] as const;
export type PartnerRole = (typeof PARTNER_ROLES)[number];

/** Ordered from least to most: ASfP "or higher" means any contract at or after `asfp`. */
export const SUPPORT_CONTRACTS = ['none', 'asfp', 'premier', 'unified'] as const;
export type SupportContract = (typeof SUPPORT_CONTRACTS)[number];

export interface Customer {
  tenantId: string;
  domain: string;
  name: string;
  isPartnerOwnTenant: boolean;
}

export interface Partner {
  tenantId: string;
  name: string;
  role: PartnerRole;
  hasAdminPrivileges: boolean;
  azureAccessGranted: boolean;
  supportContract: SupportContract;
  /** e.g. an MPN contract id, a Premier contract or an Azure support plan; needed for the partner's own tenant. */
  supportPlanEntitlement?: string;
}

export interface Contact {
  name: string;
  email: string;
  phone?: string;
}

export interface IsvSupport {
  name: string;
  supportUrl?: string;
  supportEmail?: string;
  supportPhone?: string;
}

export interface MarketplaceProduct {
  productName: string;
  isv: IsvSupport;
}

export interface ServiceRequest {
  title: string;
  description: string;
  product: Product;
  category: Category;
  severity: Severity;
  incidentType: IncidentType;
  /** BCP-47 tag; English (`en`, `en-US`, …) is answered around the clock, other languages in business hours. */
  language: string;
  channel: Channel;
  customer: Customer;
  partner: Partner;
  contact: Contact;
  marketplace?: MarketplaceProduct;
  /** Partner Center's support topic; when absent, the adapter picks the product's default topic. */
  supportTopicId?: string;
}
