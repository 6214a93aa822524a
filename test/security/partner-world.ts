// The partners, principals, tickets, alert subscriptions and API keys the isolation suite probes across.
import request from 'supertest';
import { aServiceRequest } from '@escalade/domain/testing';
import type { TestIssuer } from '@escalade/api/testing';
import type { EscaladeSystem } from '../support/escalade-system';

/** Two direct partners (A, B) and an indirect provider (P) with its two resellers (R1, R2). */
export type Partner = 'A' | 'B' | 'P' | 'R1' | 'R2';

export const TENANT: Readonly<Record<Partner, string>> = {
  A: 'a1a1a1a1-0000-4000-8000-0000000000a1',
  B: 'b2b2b2b2-0000-4000-8000-0000000000b2',
  P: 'c3c3c3c3-0000-4000-8000-0000000000c3',
  R1: 'd4d4d4d4-0000-4000-8000-0000000000d4',
  R2: 'e5e5e5e5-0000-4000-8000-0000000000e5',
};

export const PARTNER_NAME: Readonly<Record<Partner, string>> = {
  A: 'Alder Direct Partner',
  B: 'Birch Direct Partner',
  P: 'Pine Indirect Provider',
  R1: 'Rowan Reseller One',
  R2: 'Rush Reseller Two',
};

/** P's staff act for R1 and R2 too (ENTRA_TENANT_PARTNERS). */
export const PROVIDER_RESELLERS: readonly Partner[] = ['R1', 'R2'];

/** INC-1 is A's and B's; SHARED-1 is both of P's resellers'. */
const SEEDED: ReadonlyArray<[Partner, string]> = [
  ['A', 'INC-1'],
  ['A', 'A-2'],
  ['B', 'INC-1'],
  ['B', 'B-2'],
  ['P', 'P-1'],
  ['R1', 'SHARED-1'],
  ['R1', 'R1-2'],
  ['R2', 'SHARED-1'],
  ['R2', 'R2-2'],
];

export interface SeededTicket {
  partner: Partner;
  id: string;
  /** `<partner tenant>~<id>`: its stream, workflow and alert keys contain it. */
  key: string;
  customer: { name: string; domain: string; tenantId: string };
}

export interface Caller {
  label: string;
  kind: 'user' | 'api-key';
  partners: readonly Partner[];
  credential: string;
  /** The console session cookie POST /auth/session set for the credential (`escalade_session=…`). */
  cookie: string;
}

export interface SeededApiKey {
  id: string;
  name: string;
  /** '*' for the deployment's admin key. */
  partners: readonly Partner[] | '*';
}

export interface SeededSubscription {
  id: string;
  /** The part of its URL that tells it apart (its URL is shown to those who may see it only). */
  urlMarker: string;
  partners: readonly Partner[];
}

export interface PartnerWorld {
  tickets: SeededTicket[];
  callers: Caller[];
  apiKeys: SeededApiKey[];
  subscriptions: SeededSubscription[];
}

export const tenantsOf = (partners: readonly Partner[]): string[] => partners.map((partner) => TENANT[partner]);

/** The alert kinds subscribed to: a warning and a breach per ticket and subscription, within seconds at a small SLA_TIME_SCALE. */
export const SUBSCRIBED_KINDS = ['warning', 'breach'];

function seededTicket([partner, id]: [Partner, string], index: number): SeededTicket {
  const slug = `${partner}-${id}`.toLowerCase();
  const tenantId = `c0570000-0000-4000-8000-${String(index + 1).padStart(12, '0')}`;
  return { partner, id, key: `${TENANT[partner]}~${id}`, customer: { name: `Customer ${partner} ${id}`, domain: `${slug}.customers.example`, tenantId } };
}

/** The request that opens the ticket: severity A, so that it is warned about and breaches within seconds. */
export function openingRequest(ticket: SeededTicket) {
  return {
    ...aServiceRequest({
      severity: 'A',
      customer: ticket.customer,
      partner: { tenantId: TENANT[ticket.partner], name: PARTNER_NAME[ticket.partner] },
    }),
    requestId: ticket.id,
  };
}

async function signedInCookie(system: EscaladeSystem, credential: string): Promise<string> {
  const { headers } = await request(system.url).post('/auth/session').send({ credential }).expect(200);
  const cookie = ([] as string[]).concat(headers['set-cookie'] ?? []).find((c) => c.startsWith('escalade_session='));
  if (!cookie) throw new Error('POST /auth/session set no session cookie');
  return cookie.split(';')[0];
}

async function entraAdmin(system: EscaladeSystem, issuer: TestIssuer, partner: 'A' | 'B' | 'P'): Promise<Caller> {
  const credential = await issuer.mint({
    tid: TENANT[partner],
    oid: `0b1ec700-0000-4000-8000-0000000000${partner === 'A' ? 'a1' : partner === 'B' ? 'b2' : 'c3'}`,
    name: `Admin of ${partner}`,
    roles: ['Escalade.Admin'],
  });
  const partners = partner === 'P' ? ['P' as const, ...PROVIDER_RESELLERS] : [partner];
  return { label: `Entra admin of ${partner}`, kind: 'user', partners, credential, cookie: await signedInCookie(system, credential) };
}

async function apiKeyCaller(system: EscaladeSystem, maker: Caller, partner: Partner): Promise<{ caller: Caller; key: SeededApiKey }> {
  const name = `key of ${partner}`;
  const { body } = await system
    .http(maker.credential)
    .post('/api-keys')
    .send({ name, partnerTenantIds: [TENANT[partner]], roles: ['admin'] })
    .expect(201);
  const caller: Caller = { label: `API key of ${partner}`, kind: 'api-key', partners: [partner], credential: body.key, cookie: await signedInCookie(system, body.key) };
  return { caller, key: { id: body.id, name, partners: [partner] } };
}

async function subscribe(system: EscaladeSystem, by: Caller, receiverUrl: string): Promise<SeededSubscription> {
  const urlMarker = `owner=${by.partners.join('-')}`;
  const { body } = await system
    .http(by.credential)
    .post('/alert-subscriptions')
    .send({ url: `${receiverUrl}?${urlMarker}`, secret: 'isolation-suite-secret', kinds: SUBSCRIBED_KINDS })
    .expect(201);
  return { id: body.id, urlMarker, partners: by.partners };
}

/**
 * Entra admins of A, B and P; admin API keys bound to A, B, R1 and R2 (each made by its partner's admin through
 * POST /api-keys); a webhook subscription of A, B, P and R1 (each for its own partner tenants); then the tickets,
 * each opened by its partner's own principal.
 */
export async function seedPartnerWorld(system: EscaladeSystem, issuer: TestIssuer, receiverUrl: string): Promise<PartnerWorld> {
  const [userA, userB, userP] = await Promise.all((['A', 'B', 'P'] as const).map((partner) => entraAdmin(system, issuer, partner)));
  const made = await Promise.all([apiKeyCaller(system, userA, 'A'), apiKeyCaller(system, userB, 'B'), apiKeyCaller(system, userP, 'R1'), apiKeyCaller(system, userP, 'R2')]);
  const keyOfR1 = made[2].caller;
  const callers = [userA, userB, userP, ...made.map((m) => m.caller)];
  const { body: keys } = await system.http().get('/api-keys').expect(200);
  const deploymentAdmin = keys.items.find((key: { partnerTenantIds: string[] }) => key.partnerTenantIds[0] === '*');
  const apiKeys = [...made.map((m) => m.key), { id: deploymentAdmin.id, name: deploymentAdmin.name, partners: '*' as const }];
  const subscriptions = await Promise.all([userA, userB, userP, keyOfR1].map((caller) => subscribe(system, caller, receiverUrl)));

  const tickets = SEEDED.map(seededTicket);
  await Promise.all(
    tickets.map(async (ticket) => {
      // The API key of the ticket's partner where there is one, else its Entra admin.
      const opener = [...callers].reverse().find((caller) => caller.partners.includes(ticket.partner));
      if (!opener) throw new Error(`no caller acts for ${ticket.partner}`);
      const { body } = await system.http(opener.credential).post('/service-requests').send(openingRequest(ticket)).expect(201);
      if (body.id !== ticket.id || body.partnerTenantId !== TENANT[ticket.partner]) throw new Error(`${ticket.key} opened as ${JSON.stringify(body)}`);
    }),
  );
  return { tickets, callers, apiKeys, subscriptions };
}
