import { ForbiddenException } from '@nestjs/common';
import { actsFor, type Principal } from '../auth/principal';
import type { CreateServiceRequestDto } from './dto/create-service-request.dto';

/** The partner tenant the request is filed for (lower-cased): one the principal acts for, else a 403. */
export function filingPartnerTenant(principal: Principal, dto: CreateServiceRequestDto): string {
  const partnerTenantId = dto.partner.tenantId.toLowerCase();
  if (!actsFor(principal, partnerTenantId)) {
    throw new ForbiddenException(`${principal.name} does not act for partner tenant ${partnerTenantId}: tickets are filed for one's own partners only`);
  }
  return partnerTenantId;
}
