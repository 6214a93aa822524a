import type { Category, IncidentType, Product } from './service-request';

/** Human-readable names, as the portals and the timeline show them. */
export const PRODUCT_LABELS: Record<Product, string> = {
  azure: 'Azure',
  office365: 'Office 365',
  dynamics365: 'Dynamics 365',
  ems: 'Enterprise Mobility + Security',
  marketplace: 'Commercial marketplace',
};

export const CATEGORY_LABELS: Record<Category, string> = {
  technical: 'Technical',
  billing: 'Billing',
  'billing-dispute': 'Billing dispute',
  fraud: 'Fraud',
  'subscription-management': 'Subscription management',
  licensing: 'Licensing',
};

export const INCIDENT_TYPE_LABELS: Record<IncidentType, string> = {
  'break-fix': 'break/fix',
  'non-break-fix': 'non-break/fix',
};
