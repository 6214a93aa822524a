import { createHash } from 'node:crypto';
import type { ServiceRequest } from '@escalade/domain';
import type { CreateServiceRequestDto } from './dto/create-service-request.dto';

/** The validated body as the domain's ServiceRequest, with the documented defaults filled in. */
export function toServiceRequest({ requestId: _requestId, ...dto }: CreateServiceRequestDto): ServiceRequest {
  return {
    ...dto,
    customer: { ...dto.customer, isPartnerOwnTenant: dto.customer.isPartnerOwnTenant ?? false },
    partner: {
      ...dto.partner,
      hasAdminPrivileges: dto.partner.hasAdminPrivileges ?? false,
      azureAccessGranted: dto.partner.azureAccessGranted ?? false,
      supportContract: dto.partner.supportContract ?? 'none',
    },
    contact: { ...dto.contact },
    marketplace: dto.marketplace && { ...dto.marketplace, isv: { ...dto.marketplace.isv } },
  };
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => a.localeCompare(b));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** Tells a genuine repeat of a request from another request that reuses its idempotency key. */
export function requestFingerprint(request: ServiceRequest): string {
  return createHash('sha256').update(canonicalJson(request)).digest('hex');
}
