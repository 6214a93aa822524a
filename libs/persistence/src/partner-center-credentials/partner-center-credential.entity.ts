import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Partner Center's latest refresh token for one app in one tenant, encrypted with the key ring (see PartnerCenterCredentialStore). */
@Entity({ name: 'partner_center_credentials' })
export class PartnerCenterCredentialEntity {
  /** `<tenant id>/<client id>` */
  @PrimaryColumn({ type: 'varchar', length: 200 })
  id!: string;

  @Column({ name: 'refresh_token_ciphertext', type: 'text' })
  refreshTokenCiphertext!: string;

  @Column({ name: 'refresh_token_iv', type: 'varchar', length: 24 })
  refreshTokenIv!: string;

  @Column({ name: 'refresh_token_auth_tag', type: 'varchar', length: 24 })
  refreshTokenAuthTag!: string;

  @Column({ name: 'encryption_key_id', type: 'varchar', length: 32 })
  encryptionKeyId!: string;

  /** SHA-256 of the configured refresh token this one descends from. */
  @Column({ name: 'seed_hash', type: 'varchar', length: 64 })
  seedHash!: string;

  /** One more at each write: a write is conditional on the version its writer read. */
  @Column({ type: 'integer', default: 1 })
  version!: number;

  @Column({ name: 'updated_at', type: 'varchar', length: 32 })
  updatedAt!: string;
}
