import { type MigrationInterface, type QueryRunner, Table } from 'typeorm';

export class CreatePartnerCenterCredentials1764000000009 implements MigrationInterface {
  name = 'CreatePartnerCenterCredentials1764000000009';

  async up(queryRunner: QueryRunner): Promise<void> {
    const text = (name: string, length: number) => ({ name, type: 'varchar', length: String(length) });
    await queryRunner.createTable(
      new Table({
        name: 'partner_center_credentials',
        columns: [
          { ...text('id', 200), isPrimary: true },
          { name: 'refresh_token_ciphertext', type: 'text' },
          text('refresh_token_iv', 24),
          text('refresh_token_auth_tag', 24),
          text('encryption_key_id', 32),
          text('seed_hash', 64),
          text('updated_at', 32),
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('partner_center_credentials');
  }
}
