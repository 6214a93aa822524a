import type { IntakeField } from './intake-values';

/**
 * Each field's label. None contains another (a browser test finds a field by a part of its label: "Product" would
 * also find "Marketplace product", "Title" would find "Support-plan entitlement").
 */
export const INTAKE_LABELS: Record<IntakeField, string> = {
  title: 'Ticket title',
  description: 'Description',
  product: 'Product',
  category: 'Category',
  severity: 'Severity',
  incidentType: 'Incident type',
  language: 'Language',
  channel: 'Channel',
  'customer.name': 'Customer name',
  'customer.domain': 'Customer domain',
  'customer.tenantId': 'Customer tenant id',
  'customer.isPartnerOwnTenant': "The partner's own tenant",
  'partner.name': 'Partner name',
  'partner.tenantId': 'Partner tenant id',
  'partner.role': 'Partner role',
  'partner.hasAdminPrivileges': 'Admin privileges on the customer',
  'partner.azureAccessGranted': "Access to the customer's Azure granted",
  'partner.supportContract': 'Support contract',
  'partner.supportPlanEntitlement': 'Support-plan entitlement',
  'contact.name': 'Contact name',
  'contact.email': 'Contact e-mail',
  'contact.phone': 'Contact phone',
  'marketplace.productName': 'Marketplace offer',
  'marketplace.isv.name': 'Publisher (ISV)',
  'marketplace.isv.supportUrl': 'ISV support page',
  'marketplace.isv.supportEmail': 'ISV support e-mail',
  'marketplace.isv.supportPhone': 'ISV support phone',
};

/** Every field the form shows: the API's problems for any other field are the form's own error. */
export const INTAKE_FIELDS = Object.keys(INTAKE_LABELS) as IntakeField[];

/** The id of a field's control (`intake-customer-domain`); its errors are `<id>-error`. */
export const intakeFieldId = (field: IntakeField): string => `intake-${field.replaceAll('.', '-')}`;
