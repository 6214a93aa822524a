// For API specs that run the real AuthModule (its guard on every route): real API keys, stored through ApiKeyStore.
import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { ApiKeyStore } from '@escalade/persistence';
import type { Role } from '../principal';

/** A new API key acting for the listed partner tenants (or every one with `'*'`); an admin unless told otherwise. */
export async function anApiKey(app: INestApplication, partners: readonly string[] | '*', role: Role = 'admin'): Promise<string> {
  const name = `${role} of ${partners === '*' ? 'every partner' : partners.join(', ')}`;
  const { key } = await app.get(ApiKeyStore).create({ name, partnerTenantIds: partners, role, createdBy: 'a spec' });
  return key;
}

/** A supertest agent sending `Authorization: Bearer <credential>` with every request. */
export function httpAs(app: INestApplication, credential: string): request.Agent {
  return request.agent(app.getHttpServer()).auth(credential, { type: 'bearer' });
}
