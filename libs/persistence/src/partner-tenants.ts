import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';

/** The partner tenants a read may return: every one (the local admin), or those listed (lower-case GUIDs). */
export type PartnerTenants = 'all' | readonly string[];

/** Restricts the query to rows whose `column` is one of the partner tenants; none listed matches nothing. */
export function wherePartnerIn<T extends ObjectLiteral>(query: SelectQueryBuilder<T>, column: string, partners: PartnerTenants): SelectQueryBuilder<T> {
  if (partners === 'all') return query;
  if (partners.length === 0) return query.andWhere('1 = 0');
  return query.andWhere(`${column} IN (:...partnerTenantIds)`, { partnerTenantIds: [...partners] });
}

export function includesPartner(partners: PartnerTenants, partnerTenantId: string | null | undefined): boolean {
  return partners === 'all' || (!!partnerTenantId && partners.includes(partnerTenantId.toLowerCase()));
}
