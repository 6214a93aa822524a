// Every request a principal could make about another partner's tickets, alerts, subscriptions and keys, each with
// what the answer must be. The way the credential travels and the texts sent are drawn by fast-check from a seed.
import * as fc from 'fast-check';
import { openingRequest, PARTNER_NAME, TENANT, tenantsOf, type Caller, type Partner, type PartnerWorld, type SeededTicket } from './partner-world';
import { CHANNELS, type Channel, type ProbeRequest, type ProbeResponse } from './probe-client';

/** A delivery as an admin of every partner lists it before the probes. */
export interface KnownDelivery {
  id: string;
  ticketId: string;
  partnerTenantId: string;
  attemptCount: number;
}

export interface Probe {
  caller: Caller;
  channel: Channel;
  request: ProbeRequest;
  /** undefined when the answer is the one expected; what is wrong otherwise. */
  check(response: ProbeResponse): string | undefined;
}

interface Variation {
  channel: Channel;
  /** `?partnerTenantId=` in upper case (the API lower-cases it). */
  upperCaseTenant: boolean;
  /** A free text for the bodies (note, reason, resolution). */
  words: string;
}

type Plan = (variation: Variation) => Omit<Probe, 'caller' | 'channel'>;

const variations: fc.Arbitrary<Variation> = fc.record({
  channel: fc.constantFrom(...CHANNELS),
  upperCaseTenant: fc.boolean(),
  words: fc.stringMatching(/^[A-Za-z][A-Za-z ]{0,29}$/),
});

const owns = (caller: Caller, partner: Partner) => caller.partners.includes(partner);
const ownTenants = (caller: Caller) => new Set(tenantsOf(caller.partners));

interface TicketRoute {
  name: string;
  method: 'GET' | 'POST';
  suffix: string;
  stream?: boolean;
  body?: (v: Variation) => unknown;
}

const TICKET_ROUTES: readonly TicketRoute[] = [
  { name: 'get', method: 'GET', suffix: '' },
  { name: 'timeline', method: 'GET', suffix: '/timeline' },
  { name: 'timeline stream', method: 'GET', suffix: '/timeline/stream', stream: true },
  { name: 'microsoft-response', method: 'POST', suffix: '/microsoft-response', body: (v) => ({ note: v.words }) },
  { name: 'azure-access-granted', method: 'POST', suffix: '/azure-access-granted', body: () => ({}) },
  { name: 'severity', method: 'POST', suffix: '/severity', body: (v) => ({ severity: 'B', reason: v.words }) },
  { name: 'close', method: 'POST', suffix: '/close', body: (v) => ({ resolution: v.words }) },
  { name: 'notes', method: 'POST', suffix: '/notes', body: (v) => ({ text: v.words }) },
  { name: 'cancel', method: 'POST', suffix: '/cancel' },
];

const is = (status: number) => (response: ProbeResponse) => (response.status === status ? undefined : `expected ${status}, got ${response.status}`);
const items = (response: ProbeResponse) => ((response.json as { items?: unknown[] } | undefined)?.items ?? []) as Array<Record<string, unknown>>;

/** A 200 whose `items` are all of the caller's partners (and, when told, exactly `count` of them). */
function ownItems(caller: Caller, count?: number) {
  return (response: ProbeResponse) => {
    if (response.status !== 200) return `expected 200, got ${response.status}`;
    const foreign = items(response).filter((item) => !ownTenants(caller).has(String(item.partnerTenantId)));
    if (foreign.length > 0) return `${foreign.length} items of other partners`;
    if (count !== undefined && items(response).length !== count) return `expected ${count} items, got ${items(response).length}`;
    return undefined;
  };
}

/**
 * A ticket route with another partner's ticket id: 404, unless the caller has a ticket with that id itself (in the
 * partner tenant asked for, if any), which the request then means (GETs only: the caller's own tickets stay as they are).
 */
function ticketRoutePlans(world: PartnerWorld, caller: Caller): Plan[] {
  const plans: Plan[] = [];
  for (const ticket of world.tickets.filter((t) => !owns(caller, t.partner))) {
    for (const scope of [undefined, ticket.partner, caller.partners[0]]) {
      const meant = world.tickets.filter((t) => t.id === ticket.id && owns(caller, t.partner) && (scope === undefined || t.partner === scope));
      for (const route of TICKET_ROUTES) {
        if (meant.length > 0 && route.method === 'POST') continue;
        plans.push((v) => ({
          request: {
            method: route.method,
            path: `/service-requests/${ticket.id}${route.suffix}${scope ? `?partnerTenantId=${v.upperCaseTenant ? TENANT[scope].toUpperCase() : TENANT[scope]}` : ''}`,
            body: route.body?.(v),
          },
          check: meant.length === 0 ? notFound(ticket.id) : meant.length > 1 ? is(409) : ownTicket(meant[0], route),
        }));
      }
    }
  }
  return plans;
}

function notFound(id: string) {
  return (response: ProbeResponse) => {
    if (response.status !== 404) return `expected 404, got ${response.status}`;
    const message = (response.json as { message?: unknown } | undefined)?.message;
    return message === `No service request with id "${id}"` ? undefined : `unexpected 404 message ${JSON.stringify(message)}`;
  };
}

function ownTicket(ticket: SeededTicket, route: TicketRoute) {
  return (response: ProbeResponse) => {
    if (response.status !== 200) return `expected the caller's own ${ticket.key} (200), got ${response.status}`;
    if (route.stream) {
      const streams = new Set(response.events.map((e) => (e as { streamId?: unknown } | undefined)?.streamId).filter(Boolean));
      return streams.size === 1 && streams.has(`ticket-${ticket.key}`) ? undefined : `streamed ${[...streams].join(', ') || 'nothing'}`;
    }
    const partnerTenantId = (response.json as { partnerTenantId?: unknown }).partnerTenantId;
    return partnerTenantId === TENANT[ticket.partner] ? undefined : `answered partner tenant ${String(partnerTenantId)}`;
  };
}

/** GET /service-requests with each filter: the caller's tickets only; another partner's customer matches nothing. */
function listPlans(world: PartnerWorld, caller: Caller): Plan[] {
  const own = world.tickets.filter((t) => owns(caller, t.partner));
  const foreign = world.tickets.filter((t) => !owns(caller, t.partner));
  const filters: Array<[string, number | undefined]> = [
    ['limit=200', own.length],
    ['limit=1', 1],
    ['status=awaiting-response,responded,closed&limit=200', undefined],
    ['severity=A&limit=200', own.length],
    ['product=azure&limit=200', own.length],
    ['breached=true&limit=200', undefined],
    ['breached=false&limit=200', undefined],
    ['dueBefore=2100-01-01T00:00:00Z&limit=200', undefined],
    [`customer=${encodeURIComponent(own[0].customer.name)}`, 1],
    ...foreign.flatMap((t): Array<[string, number]> => [
      [`customer=${encodeURIComponent(t.customer.name)}`, 0],
      [`customer=${encodeURIComponent(t.customer.domain)}`, 0],
    ]),
  ];
  return filters.map(([query, count]) => () => ({ request: { method: 'GET', path: `/service-requests?${query}` }, check: ownItems(caller, count) }));
}

/** Deliveries: the list shows the caller's only; another partner's delivery is a 404 to read and to redeliver. */
function alertPlans(world: PartnerWorld, deliveries: readonly KnownDelivery[], caller: Caller): Plan[] {
  const mine = deliveries.filter((d) => ownTenants(caller).has(d.partnerTenantId));
  const foreign = deliveries.filter((d) => !ownTenants(caller).has(d.partnerTenantId));
  const foreignIds = [...new Set(world.tickets.filter((t) => !owns(caller, t.partner)).map((t) => t.id))];
  return [
    () => ({ request: { method: 'GET', path: '/alerts?limit=200' }, check: ownItems(caller, mine.length) }),
    ...foreignIds.map((id): Plan => () => ({
      request: { method: 'GET', path: `/alerts?limit=200&ticketId=${id}` },
      check: ownItems(caller, mine.filter((d) => d.ticketId === id).length),
    })),
    ...foreign.flatMap((d): Plan[] => [
      () => ({ request: { method: 'GET', path: `/alerts/${d.id}` }, check: is(404) }),
      () => ({ request: { method: 'POST', path: `/alerts/${d.id}/redeliver` }, check: is(404) }),
    ]),
  ];
}

/** Subscriptions and API keys: listed only when all their partners are the caller's; others' cannot be deleted. */
function adminPlans(world: PartnerWorld, caller: Caller): Plan[] {
  const sees = (partners: readonly Partner[] | '*') => partners !== '*' && partners.every((p) => owns(caller, p));
  const listed = (ids: string[]) => (response: ProbeResponse) => {
    if (response.status !== 200) return `expected 200, got ${response.status}`;
    const got = items(response).map((item) => String(item.id)).sort();
    return JSON.stringify(got) === JSON.stringify([...ids].sort()) ? undefined : `listed ${got.join(', ')}; expected ${ids.join(', ')}`;
  };
  const subscriptions = world.subscriptions.filter((s) => sees(s.partners)).map((s) => s.id);
  const keys = world.apiKeys.filter((k) => sees(k.partners)).map((k) => k.id);
  return [
    () => ({ request: { method: 'GET', path: '/alert-subscriptions' }, check: listed(subscriptions) }),
    () => ({ request: { method: 'GET', path: '/api-keys' }, check: listed(keys) }),
    ...world.subscriptions.filter((s) => !sees(s.partners)).map((s): Plan => () => ({ request: { method: 'DELETE', path: `/alert-subscriptions/${s.id}` }, check: is(404) })),
    ...world.apiKeys.filter((k) => !sees(k.partners)).map((k): Plan => () => ({ request: { method: 'DELETE', path: `/api-keys/${k.id}` }, check: is(404) })),
  ];
}

/** The SLA report counts the caller's tickets; the live event stream, from the start, carries only their events. */
function readPlans(world: PartnerWorld, caller: Caller): Plan[] {
  const own = world.tickets.filter((t) => owns(caller, t.partner));
  const streams = new Set(own.map((t) => `ticket-${t.key}`));
  return [
    () => ({
      request: { method: 'GET', path: '/reports/sla' },
      check: (response) => {
        const opened = (response.json as { total?: { opened?: unknown } } | undefined)?.total?.opened;
        return response.status === 200 && opened === own.length ? undefined : `${response.status}: opened ${String(opened)}, expected ${own.length}`;
      },
    }),
    () => ({
      request: { method: 'GET', path: '/events/stream?after=0', streamForMs: 1_000 },
      check: (response) => {
        if (response.status !== 200) return `expected 200, got ${response.status}`;
        const seen = response.events.map((e) => String((e as { streamId?: unknown } | undefined)?.streamId));
        const foreign = seen.filter((streamId) => !streams.has(streamId));
        if (foreign.length > 0) return `events of ${[...new Set(foreign)].join(', ')}`;
        return seen.length > 0 ? undefined : 'no event of its own tickets either';
      },
    }),
  ];
}

/** A 400 naming `partnerTenantIds`: the caller asked for a partner tenant it does not act for. */
function refusedPartner(response: ProbeResponse): string | undefined {
  if (response.status !== 400) return `expected 400, got ${response.status}`;
  const fields = ((response.json as { errors?: Array<{ field?: unknown }> } | undefined)?.errors ?? []).map((e) => e.field);
  return fields.includes('partnerTenantIds') ? undefined : `refused for ${JSON.stringify(fields)}`;
}

/**
 * Making something for another partner: a ticket (a new id, or one that partner uses) is a 403; an API key or an alert
 * subscription for its tenant (or for every tenant) a 400. Nothing is made (the suite checks afterwards).
 */
function creationPlans(world: PartnerWorld, caller: Caller): Plan[] {
  const foreignPartners = (Object.keys(TENANT) as Partner[]).filter((p) => !owns(caller, p));
  const customer = { name: 'Probe customer', domain: 'probe.customers.example', tenantId: '0b0b0b0b-0000-4000-8000-000000000000' };
  const tickets = foreignPartners.flatMap((partner) =>
    [`probe-${caller.label.replace(/\W+/g, '-')}-${partner}`, world.tickets.find((t) => t.partner === partner)?.id ?? 'INC-1'].map(
      (id): Plan => () => ({
        request: { method: 'POST', path: '/service-requests', body: openingRequest({ partner, id, key: '', customer }) },
        check: (response) => {
          const message = String((response.json as { message?: unknown } | undefined)?.message);
          if (response.status !== 403) return `expected 403, got ${response.status}`;
          return message.includes(`does not act for partner tenant ${TENANT[partner]}`) ? undefined : `unexpected 403 message ${message}`;
        },
      }),
    ),
  );
  const grants = [...foreignPartners.map((p) => [TENANT[p]]), [TENANT[caller.partners[0]], ...foreignPartners.map((p) => TENANT[p])], ['*']];
  const keysAndSubscriptions = grants.flatMap((partnerTenantIds): Plan[] => {
    const key: Plan = (v) => ({ request: { method: 'POST', path: '/api-keys', body: { name: `probe ${v.words}`, partnerTenantIds, roles: ['viewer'] } }, check: refusedPartner });
    const subscription: Plan = () => ({
      request: { method: 'POST', path: '/alert-subscriptions', body: { url: 'http://127.0.0.1:9/probe', secret: 'probe-secret-0123456789', partnerTenantIds } },
      check: refusedPartner,
    });
    return partnerTenantIds[0] === '*' ? [key] : [key, subscription];
  });
  return [...tickets, ...keysAndSubscriptions];
}

/** Every probe of every caller, their variations drawn by fast-check from `seed`. */
export function crossTenantProbes(world: PartnerWorld, deliveries: readonly KnownDelivery[], seed: number): Probe[] {
  const planned = world.callers.flatMap((caller) =>
    [
      ...ticketRoutePlans(world, caller),
      ...listPlans(world, caller),
      ...alertPlans(world, deliveries, caller),
      ...adminPlans(world, caller),
      ...readPlans(world, caller),
      ...creationPlans(world, caller),
    ].map((plan) => ({ caller, plan })),
  );
  const drawn = fc.sample(variations, { seed, numRuns: planned.length });
  return planned.map(({ caller, plan }, index) => ({ caller, channel: drawn[index].channel, ...plan(drawn[index]) }));
}

/** How many probes each route got, e.g. `{ 'POST /service-requests/:id/close': 120 }`. */
export function probesPerRoute(probes: readonly Probe[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const { request } of probes) {
    const route = `${request.method} ${request.path.split('?')[0].replace(/^\/(service-requests|alerts|alert-subscriptions|api-keys)\/[^/]+/, '/$1/:id')}`;
    counts[route] = (counts[route] ?? 0) + 1;
  }
  return counts;
}

/** What would betray another partner in an answer to `caller`: its tickets' keys, customers and tenants, its subscriptions, keys. */
export function foreignMarkers(world: PartnerWorld, caller: Caller): string[] {
  const sees = (partners: readonly Partner[] | '*') => partners !== '*' && partners.every((p) => owns(caller, p));
  const overlaps = (partners: readonly Partner[]) => partners.some((p) => owns(caller, p));
  return [
    ...world.tickets.filter((t) => !owns(caller, t.partner)).flatMap((t) => [t.key, t.customer.name, t.customer.domain, t.customer.tenantId]),
    ...(Object.keys(TENANT) as Partner[]).filter((p) => !owns(caller, p)).flatMap((p) => [TENANT[p], PARTNER_NAME[p]]),
    // A subscription's URL is for those who see it; its id shows on the deliveries of the caller's tickets it covers.
    ...world.subscriptions.filter((s) => !sees(s.partners)).map((s) => s.urlMarker),
    ...world.subscriptions.filter((s) => !overlaps(s.partners)).map((s) => s.id),
    ...world.apiKeys.filter((k) => !sees(k.partners)).flatMap((k) => [k.id, k.name]),
  ];
}
