import { Column, Entity, PrimaryColumn, type ValueTransformer } from 'typeorm';
import type { Product, Severity } from '@escalade/domain';
import type { AlertFormat, AlertKind } from './webhook-alert';

/** Arrays as JSON text: the same column type on SQLite and PostgreSQL. */
const jsonArray: ValueTransformer = {
  to: (value: string[]) => JSON.stringify(value),
  from: (value: string) => JSON.parse(value),
};

/** A webhook that receives the alerts its filters admit; an empty filter admits everything. */
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

  @Column({ name: 'created_at', type: 'varchar', length: 32 })
  createdAt!: string;
}
