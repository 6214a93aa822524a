import type { PartnerRole, ServiceRequest, SupportContract } from '@escalade/domain';

/**
 * The intake form's values, each under the path by which the API names its field in a 400's `errors`
 * (`customer.domain`, `marketplace.isv.name`…), so that every problem lands beside its field.
 */
export interface IntakeValues
  extends Pick<ServiceRequest, 'title' | 'description' | 'product' | 'category' | 'severity' | 'incidentType' | 'language' | 'channel'> {
  'customer.name': string;
  'customer.domain': string;
  'customer.tenantId': string;
  'customer.isPartnerOwnTenant': boolean;
  'partner.name': string;
  'partner.tenantId': string;
  'partner.role': PartnerRole;
  'partner.hasAdminPrivileges': boolean;
  'partner.azureAccessGranted': boolean;
  'partner.supportContract': SupportContract;
  'partner.supportPlanEntitlement': string;
  'contact.name': string;
  'contact.email': string;
  'contact.phone': string;
  'marketplace.productName': string;
  'marketplace.isv.name': string;
  'marketplace.isv.supportUrl': string;
  'marketplace.isv.supportEmail': string;
  'marketplace.isv.supportPhone': string;
}

export type IntakeField = keyof IntakeValues;

/** The fields of free text. */
export type TextIntakeField = { [Field in IntakeField]: string extends IntakeValues[Field] ? Field : never }[IntakeField];
/** The fields of yes or no. */
export type FlagIntakeField = { [Field in IntakeField]: IntakeValues[Field] extends boolean ? Field : never }[IntakeField];
/** The fields of one of the domain's values (a product, a severity…). */
export type ChoiceIntakeField = Exclude<IntakeField, TextIntakeField | FlagIntakeField>;

/** An empty request with the usual choices made; the partner tenant filled in when the session acts for only one. */
export function blankIntake(partnerTenantId = ''): IntakeValues {
  return {
    title: '',
    description: '',
    product: 'azure',
    category: 'technical',
    severity: 'C',
    incidentType: 'break-fix',
    language: 'en',
    channel: 'portal',
    'customer.name': '',
    'customer.domain': '',
    'customer.tenantId': '',
    'customer.isPartnerOwnTenant': false,
    'partner.name': '',
    'partner.tenantId': partnerTenantId,
    'partner.role': 'indirect-provider',
    'partner.hasAdminPrivileges': false,
    'partner.azureAccessGranted': false,
    'partner.supportContract': 'none',
    'partner.supportPlanEntitlement': '',
    'contact.name': '',
    'contact.email': '',
    'contact.phone': '',
    'marketplace.productName': '',
    'marketplace.isv.name': '',
    'marketplace.isv.supportUrl': '',
    'marketplace.isv.supportEmail': '',
    'marketplace.isv.supportPhone': '',
  };
}

/** An optional text left blank is left out (the API refuses an empty one); a required one is sent as typed, for the API to name. */
const optional = (text: string): string | undefined => (text.trim() === '' ? undefined : text);

/** The body of POST /service-requests and POST /eligibility/check; the marketplace fields only for a marketplace product. */
export function requestOf(values: IntakeValues): ServiceRequest {
  return {
    title: values.title,
    description: values.description,
    product: values.product,
    category: values.category,
    severity: values.severity,
    incidentType: values.incidentType,
    language: values.language,
    channel: values.channel,
    customer: {
      name: values['customer.name'],
      domain: values['customer.domain'],
      tenantId: values['customer.tenantId'],
      isPartnerOwnTenant: values['customer.isPartnerOwnTenant'],
    },
    partner: {
      name: values['partner.name'],
      tenantId: values['partner.tenantId'],
      role: values['partner.role'],
      hasAdminPrivileges: values['partner.hasAdminPrivileges'],
      azureAccessGranted: values['partner.azureAccessGranted'],
      supportContract: values['partner.supportContract'],
      supportPlanEntitlement: optional(values['partner.supportPlanEntitlement']),
    },
    contact: { name: values['contact.name'], email: values['contact.email'], phone: optional(values['contact.phone']) },
    marketplace:
      values.product === 'marketplace'
        ? {
            productName: values['marketplace.productName'],
            isv: {
              name: values['marketplace.isv.name'],
              supportUrl: optional(values['marketplace.isv.supportUrl']),
              supportEmail: optional(values['marketplace.isv.supportEmail']),
              supportPhone: optional(values['marketplace.isv.supportPhone']),
            },
          }
        : undefined,
  };
}
