// Every endpoint of the API that takes input, with the valid input each generated mutation starts from.
import { aServiceRequest } from '@escalade/domain/testing';
import { toJson, type Json } from './body-mutations';
import type { IdKind, QueryParameter } from './url-mutations';

/** The partner tenant of every ticket here (aServiceRequest()'s). */
export const PARTNER = '22222222-2222-2222-2222-222222222222';
export const CONTROL = 'robust-control-a'; // awaiting Microsoft's response
export const WAITING_FOR_ACCESS = 'robust-control-b'; // awaiting Azure access

export const A_REQUEST = toJson({
  ...aServiceRequest({ severity: 'B' }),
  requestId: 'robust-never-opened',
  supportTopicId: '32570010',
  partner: { ...aServiceRequest().partner, supportPlanEntitlement: 'MPN-123456' },
});

export const A_MARKETPLACE_REQUEST = toJson({
  ...(A_REQUEST as object),
  product: 'marketplace',
  marketplace: {
    productName: 'Acme Backup',
    isv: { name: 'Acme', supportUrl: 'https://acme.example/support', supportEmail: 'help@acme.example', supportPhone: '+1 555 0100' },
  },
});

export const REQUEST_OPTIONAL = new Set([
  'requestId',
  'supportTopicId',
  'customer.isPartnerOwnTenant',
  'partner.hasAdminPrivileges',
  'partner.azureAccessGranted',
  'partner.supportContract',
  'partner.supportPlanEntitlement',
  'contact.phone',
  'marketplace.isv.supportUrl',
  'marketplace.isv.supportEmail',
  'marketplace.isv.supportPhone',
]);

export const A_SUBSCRIPTION: Json = {
  url: 'https://hooks.example.com/escalade',
  secret: 'whsec-0123456789abcdef',
  severities: ['A', 'B'],
  products: ['azure'],
  customers: ['contoso.com'],
  kinds: ['breach'],
  levels: [1, 2],
  format: 'json',
  calendar: { timeZone: 'Europe/Paris', week: { '1': [[540, 1020]], '5': [[540, 960]] }, holidays: ['2026-12-25'] },
  partnerTenantIds: [PARTNER],
};
export const SUBSCRIPTION_OPTIONAL = new Set([
  'severities',
  'products',
  'customers',
  'kinds',
  'levels',
  'format',
  'calendar',
  'calendar.week.1',
  'calendar.week.5',
  'calendar.holidays',
  'partnerTenantIds',
]);

export interface BodyRoute {
  path: string;
  valid: Json;
  optional: ReadonlySet<string>;
  /** false: the route reads no body, so only what is refused before any handler applies. */
  readsBody: boolean;
}

/** The admin's and the sign-in's routes that take a body; the session's valid credential is the local admin key. */
export const adminRoutes = (adminKey: string): Array<BodyRoute & { method: string; longestText?: number }> => [
  {
    method: 'POST',
    path: '/api-keys',
    valid: { name: 'ServiceNow bridge', partnerTenantIds: [PARTNER], roles: ['coordinator'] },
    optional: new Set(),
    readsBody: true,
  },
  // An Entra ID access token may be long: the credential holds up to 16,000 characters.
  { method: 'POST', path: '/auth/session', valid: { credential: adminKey }, optional: new Set(), readsBody: true, longestText: 16_000 },
  // In-process filing has no refresh token to replace: a valid body is a 409, so a 400 comes only from the bad input.
  { method: 'PUT', path: '/partner-center/credentials', valid: { refreshToken: '0.AXcA-refresh_token.value' }, optional: new Set(), readsBody: true },
];

/** The ticket actions, each on the control ticket in the state that would accept it. */
export const ACTIONS: BodyRoute[] = [
  {
    path: `/service-requests/${CONTROL}/microsoft-response`,
    valid: { note: 'Engineer assigned\n\tcalls back at 10', respondedBy: 'coordinator' },
    optional: new Set(['note', 'respondedBy', 'respondedAt']),
    readsBody: true,
  },
  {
    path: `/service-requests/${CONTROL}/severity`,
    valid: { severity: 'A', reason: 'Production is down after all', changedBy: 'coordinator@fabrikam.com' },
    // A display name: who changed it is recorded from the credential.
    optional: new Set(['changedBy']),
    readsBody: true,
  },
  {
    path: `/service-requests/${CONTROL}/close`,
    valid: { resolution: 'Microsoft restored the service', closedBy: 'coordinator' },
    optional: new Set(['closedBy']),
    readsBody: true,
  },
  {
    path: `/service-requests/${CONTROL}/notes`,
    valid: { text: 'Logs are on the customer portal\n\tsince 09:12', sentBy: 'coordinator@fabrikam.com' },
    optional: new Set(['sentBy']),
    readsBody: true,
  },
  {
    path: `/service-requests/${WAITING_FOR_ACCESS}/azure-access-granted`,
    valid: { grantedBy: 'provider' },
    optional: new Set(['grantedBy']),
    readsBody: true,
  },
  { path: `/service-requests/${CONTROL}/cancel`, valid: { reason: 'none is read' }, optional: new Set(), readsBody: false },
];

const DATES = [
  'tomorrow',
  '2026-02-30T00:00:00Z',
  '2026-W01-1',
  '2026-001',
  '2026-002',
  '2026-01-01T00:00:00,5Z',
  '2026-13-01',
  '2026-01-01T10:00:00+01',
  '',
];
const LIMIT = { valid: ['1', '50', '200'], bad: ['0', '201', '-1', '1.5', '1e2', '0x10', '', 'ten', ' 5', '9007199254740993'] };

export const QUERIES: Record<string, Record<string, QueryParameter>> = {
  '/service-requests': {
    status: { valid: ['closed', 'awaiting-response,closed'], bad: ['lost', 'closed,lost', 'CLOSED'], list: true },
    severity: { valid: ['A', 'A,B'], bad: ['Z', 'a', 'AB'], list: true },
    product: { valid: ['azure'], bad: ['xbox', 'Azure'], list: true },
    customer: { valid: ['contoso.com', 'Contoso Ltd'], bad: ['', 'c'.repeat(254)] },
    breached: { valid: ['true', 'false'], bad: ['maybe', '1', 'TRUE', ''] },
    dueBefore: { valid: ['2030-01-01T00:00:00Z'], bad: DATES },
    cursor: { valid: [], bad: ['!!!', 'a b', 'not-a-cursor', '', 'c'.repeat(513)] },
    limit: LIMIT,
  },
  '/alerts': {
    ticketId: { valid: [CONTROL], bad: ['bad key!', '-x', '', 'x'.repeat(101)] },
    status: { valid: ['pending', 'delivered', 'dead'], bad: ['lost', '', 'PENDING'] },
    limit: LIMIT,
  },
  '/reports/sla': {
    from: { valid: ['2000-01-01T00:00:00Z'], bad: DATES },
    to: { valid: ['2100-01-01T00:00:00Z'], bad: DATES },
  },
  '/events/stream': {
    after: { valid: ['0'], bad: ['-1', '1.5', '9007199254740993', '1e3', '', 'abc', '99999999999999999999'] },
  },
  '/support-topics': {
    product: { valid: ['azure', 'ems'], bad: ['marketplace', 'Azure', 'xbox', ''] },
    category: { valid: ['technical', 'billing-dispute'], bad: ['Technical', 'invoices', ''] },
  },
};

export interface IdRoute {
  kind: IdKind;
  method: string;
  path: (id: string) => string;
  body?: Json;
}

const ticketAction = ({ path, valid, readsBody }: BodyRoute): IdRoute => ({
  kind: 'ticket',
  method: 'POST',
  path: (id) => path.replace(/^\/service-requests\/[^/]+/, `/service-requests/${id}`),
  body: readsBody ? valid : undefined,
});

export const ID_ROUTES: IdRoute[] = [
  { kind: 'ticket', method: 'GET', path: (id) => `/service-requests/${id}` },
  { kind: 'ticket', method: 'GET', path: (id) => `/service-requests/${id}/timeline` },
  { kind: 'ticket', method: 'GET', path: (id) => `/service-requests/${id}/timeline/stream` },
  ...ACTIONS.map(ticketAction),
  { kind: 'delivery', method: 'GET', path: (id) => `/alerts/${id}` },
  { kind: 'delivery', method: 'POST', path: (id) => `/alerts/${id}/redeliver` },
  { kind: 'subscription', method: 'DELETE', path: (id) => `/alert-subscriptions/${id}` },
  { kind: 'api-key', method: 'DELETE', path: (id) => `/api-keys/${id}` },
];

export const isTicketId = (value: string) => /^[A-Za-z0-9][A-Za-z0-9._:-]{0,99}$/.test(value);
export const isPosition = (value: string) => /^\d{1,16}$/.test(value) && Number.isSafeInteger(Number(value));
