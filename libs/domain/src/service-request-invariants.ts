import {
  CATEGORIES,
  CHANNELS,
  INCIDENT_TYPES,
  PARTNER_ROLES,
  PRODUCTS,
  SEVERITIES,
  SUPPORT_CONTRACTS,
  type ServiceRequest,
} from './service-request';

/** Names what is wrong with the value at `path`; [] when it holds. */
type Rule = (value: unknown, path: string) => string[];

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const text =
  (max: number, pattern?: RegExp): Rule =>
  (value, path) => {
    if (typeof value !== 'string' || value.trim() === '') return [`${path} must be a non-empty string`];
    if (value.length > max) return [`${path} must be at most ${max} characters`];
    if (pattern && !pattern.test(value)) return [`${path} is not well-formed`];
    return [];
  };

const oneOf =
  (values: readonly string[]): Rule =>
  (value, path) =>
    values.includes(value as string) ? [] : [`${path} must be one of ${values.join(', ')}`];

const flag: Rule = (value, path) => (typeof value === 'boolean' ? [] : [`${path} must be true or false`]);

const optional =
  (rule: Rule): Rule =>
  (value, path) =>
    value === undefined ? [] : rule(value, path);

const shape =
  (fields: Record<string, Rule>): Rule =>
  (value, path) =>
    isObject(value)
      ? Object.entries(fields).flatMap(([name, rule]) => rule(value[name], path ? `${path}.${name}` : name))
      : [`${path || 'request'} must be an object`];

const NAME = text(200);

const serviceRequestRule = shape({
  title: text(255),
  description: text(10_000),
  product: oneOf(PRODUCTS),
  category: oneOf(CATEGORIES),
  severity: oneOf(SEVERITIES),
  incidentType: oneOf(INCIDENT_TYPES),
  language: text(35),
  channel: oneOf(CHANNELS),
  customer: shape({ tenantId: text(36, GUID), domain: text(253), name: NAME, isPartnerOwnTenant: flag }),
  partner: shape({
    tenantId: text(36, GUID),
    name: NAME,
    role: oneOf(PARTNER_ROLES),
    hasAdminPrivileges: flag,
    azureAccessGranted: flag,
    supportContract: oneOf(SUPPORT_CONTRACTS),
    supportPlanEntitlement: optional(text(100)),
  }),
  contact: shape({ name: NAME, email: text(254), phone: optional(text(50)) }),
  marketplace: optional(shape({ productName: NAME, isv: shape({ name: NAME }) })),
  supportTopicId: optional(text(20, /^\d+$/)),
});

/**
 * What makes a request impossible to work on, each problem named by its field; [] for a sound one.
 * The API refuses such requests first; this guards the workflow against any that get past it.
 */
export function serviceRequestProblems(request: unknown): string[] {
  const problems = serviceRequestRule(request, '');
  if (isObject(request) && request.product === 'marketplace' && request.marketplace === undefined) {
    problems.push('marketplace is required when product is "marketplace"');
  }
  return problems;
}

/** The text at `path`, or '' where there is none: what can be recorded of a request that is refused as invalid. */
function textAt(value: unknown, ...path: string[]): string {
  const found = path.reduce<unknown>((at, key) => (isObject(at) ? at[key] : undefined), value);
  return typeof found === 'string' ? found.slice(0, 200) : '';
}

/** An invalid request reduced to texts that can be recorded and shown, so that its refusal can be. */
export function recordableRequest(request: unknown): ServiceRequest {
  return {
    title: textAt(request, 'title'),
    description: textAt(request, 'description'),
    product: textAt(request, 'product'),
    category: textAt(request, 'category'),
    severity: SEVERITIES.find((severity) => severity === textAt(request, 'severity')) ?? 'C',
    incidentType: textAt(request, 'incidentType'),
    language: textAt(request, 'language'),
    channel: textAt(request, 'channel'),
    customer: {
      tenantId: textAt(request, 'customer', 'tenantId'),
      domain: textAt(request, 'customer', 'domain'),
      name: textAt(request, 'customer', 'name'),
      isPartnerOwnTenant: false,
    },
    partner: {
      tenantId: textAt(request, 'partner', 'tenantId'),
      name: textAt(request, 'partner', 'name'),
      role: textAt(request, 'partner', 'role'),
      hasAdminPrivileges: false,
      azureAccessGranted: false,
      supportContract: 'none',
    },
    contact: { name: textAt(request, 'contact', 'name'), email: textAt(request, 'contact', 'email') },
  } as ServiceRequest;
}
