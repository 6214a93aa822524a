import { Injectable, NotFoundException } from '@nestjs/common';
import type { ApiKeyView, CreatedApiKey, Items } from '@escalade/contract';
import { ApiKeyStore, type ApiKey } from '@escalade/persistence';
import { invalidRequest } from '../../validation/validation-exception.factory';
import { highestRole, type Principal } from '../principal';
import { EVERY_PARTNER, type CreateApiKeyDto } from './create-api-key.dto';

/** Keys for machine clients, created by an admin for partner tenants the admin acts for, and seen only by such admins. */
@Injectable()
export class ApiKeysService {
  constructor(private readonly apiKeys: ApiKeyStore) {}

  async create(principal: Principal, { name, partnerTenantIds, roles }: CreateApiKeyDto): Promise<CreatedApiKey> {
    const every = partnerTenantIds.includes(EVERY_PARTNER);
    const tenants = [...new Set(partnerTenantIds.map((id) => id.toLowerCase()))];
    const problems = [
      ...(every && tenants.length > 1 ? ['partnerTenantIds: "*" stands alone'] : []),
      ...(every && !principal.partners.all ? ['partnerTenantIds: "*" (every partner) needs a principal bound to every partner tenant'] : []),
      ...(every ? [] : tenants.filter((id) => !principal.partners.all && !principal.partners.tenantIds.includes(id)).map((id) => `partnerTenantIds: you do not act for partner tenant ${id}`)),
    ];
    if (problems.length > 0) throw invalidRequest([{ field: 'partnerTenantIds', problems }]);
    const { key, apiKey } = await this.apiKeys.create({
      name: name.trim(),
      partnerTenantIds: every ? '*' : tenants,
      role: highestRole(roles) ?? 'viewer',
      createdBy: principal.name,
    });
    return { ...view(apiKey), key };
  }

  async list(principal: Principal): Promise<Items<ApiKeyView>> {
    return { items: (await this.apiKeys.list()).filter((key) => visibleTo(principal, key)).map(view) };
  }

  async revoke(principal: Principal, id: string): Promise<void> {
    const key = await this.apiKeys.get(id);
    if (!key || !visibleTo(principal, key)) throw new NotFoundException(`No API key with id "${id}"`);
    await this.apiKeys.revoke(id);
  }
}

/** Only an admin who acts for all of a key's partner tenants sees it: another partner's key is as good as absent. */
function visibleTo(principal: Principal, key: ApiKey): boolean {
  if (principal.partners.all) return true;
  const mine = principal.partners.tenantIds;
  return key.partnerTenantIds !== '*' && key.partnerTenantIds.every((id) => mine.includes(id));
}

/** Never its hash; the key itself only in the answer that created it. */
function view({ partnerTenantIds, role, ...key }: ApiKey): ApiKeyView {
  return { ...key, partnerTenantIds: partnerTenantIds === '*' ? [EVERY_PARTNER] : partnerTenantIds, roles: [role] };
}
