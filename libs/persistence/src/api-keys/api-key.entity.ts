import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** An API key of a machine client (a ticketing bridge, a script): its lookup prefix and the hash of the key, never the key. */
@Entity({ name: 'api_keys' })
export class ApiKeyEntity {
  /** A UUID. */
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 100 })
  name!: string;

  /** The key's `<prefix>` part (see API_KEY_PATTERN): finds the row of a presented key. */
  @Index('idx_api_keys_prefix', { unique: true })
  @Column({ type: 'varchar', length: 16 })
  prefix!: string;

  /** Hex SHA-256 of the whole key. */
  @Column({ type: 'varchar', length: 64 })
  hash!: string;

  /** JSON: an array of lower-case partner tenant GUIDs, or `["*"]` for every partner tenant. */
  @Column({ name: 'partner_tenant_ids', type: 'text' })
  partnerTenantIds!: string;

  @Column({ type: 'varchar', length: 20 })
  role!: string;

  @Column({ name: 'created_at', type: 'varchar', length: 32 })
  createdAt!: string;

  /** Who created it: a name. */
  @Column({ name: 'created_by', type: 'varchar', length: 200 })
  createdBy!: string;

  /** Updated at most once a minute. */
  @Column({ name: 'last_used_at', type: 'varchar', length: 32, nullable: true })
  lastUsedAt!: string | null;

  @Column({ name: 'revoked_at', type: 'varchar', length: 32, nullable: true })
  revokedAt!: string | null;
}
