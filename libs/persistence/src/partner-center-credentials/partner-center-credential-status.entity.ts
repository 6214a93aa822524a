import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The status of Partner Center's credentials for one app in one tenant, as the worker that wrote last saw it. */
@Entity({ name: 'partner_center_credential_status' })
export class PartnerCenterCredentialStatusEntity {
  /** `<tenant id>/<client id>`, as in partner_center_credentials. */
  @PrimaryColumn({ type: 'varchar', length: 200 })
  id!: string;

  @Column({ type: 'varchar', length: 16 })
  state!: 'ok' | 'failing' | 'unknown';

  @Column({ type: 'varchar', length: 32, nullable: true })
  since!: string | null;

  @Column({ type: 'varchar', length: 1000, nullable: true })
  reason!: string | null;

  @Column({ name: 'updated_at', type: 'varchar', length: 32 })
  updatedAt!: string;
}
