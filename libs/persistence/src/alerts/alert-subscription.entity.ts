import { Column, Entity, PrimaryColumn, type ValueTransformer } from 'typeorm';
import type { Product, Severity } from '@escalade/domain';
import type { AlertFormat, AlertKind } from './webhook-alert';

/** Arrays as JSON text: the same column type on SQLite and PostgreSQL. */
const jsonArray: ValueTransformer = {
  to: (value: string[]) => JSON.stringify(value),
  from: (value: string) => JSON.parse(value),
};

/** Every partner tenant, stored as `["*"]`. */
export const EVERY_PARTNER = '*';

/** Partner tenants as JSON text: a JSON array of lower-case GUIDs, or `["*"]` for every partner tenant. */
const partnerTenantIds: ValueTransformer = {
  to: (value: readonly string[] | typeof EVERY_PARTNER) => JSON.stringify(value === EVERY_PARTNER ? [EVERY_PARTNER] : value),
  from: (value: string) => {
    const tenants = JSON.parse(value) as string[];
    return tenants.length === 1 && tenants[0] === EVERY_PARTNER ? EVERY_PARTNER : tenants;
  },
};

/**
 * A webhook that receives the alerts its filters admit; an empty filter admits everything. The partner tenants are
 * no filter but a scope: only alerts of tickets those partners filed, and only principals acting for all of them see it.
 */
@Entity({ name: 'alert_subscriptions' })
export class AlertSubscriptionEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 2000 })
  url!: string;

  /** Signs every delivery (HMAC-SHA256); never shown after creation. */
  @Column({ type: 'varchar', length: 200 })
  secret!: string;

  @Column({ type: 'text', transformer: jsonArray })
  severities!: Severity[];

  @Column({ type: 'text', transformer: jsonArray })
  products!: Product[];

  /** Customer names or domains. */
  @Column({ type: 'text', transformer: jsonArray })
  customers!: string[];

  @Column({ type: 'text', transformer: jsonArray })
  kinds!: AlertKind[];

  @Column({ type: 'varchar', length: 10 })
  format!: AlertFormat;

  /** The partner tenants whose tickets' alerts it receives (lower-case GUIDs), or `'*'`: every one. */
  @Column({ name: 'partner_tenant_ids', type: 'text', transformer: partnerTenantIds })
  partnerTenantIds!: string[] | typeof EVERY_PARTNER;

  @Column({ name: 'created_at', type: 'varchar', length: 32 })
  createdAt!: string;
}
