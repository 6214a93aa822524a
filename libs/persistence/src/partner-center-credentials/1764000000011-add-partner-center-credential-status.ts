import { type MigrationInterface, type QueryRunner, Table, TableColumn } from 'typeorm';

/**
 * The refresh token's `version`, which each write is conditional on (several workers rotate the same token); and the
 * credentials' status as the worker sees it, for the API's readiness. The status has its own table because it is
 * written when no token is stored yet (the consented one refused at the first renewal).
 */
export class AddPartnerCenterCredentialStatus1764000000011 implements MigrationInterface {
  name = 'AddPartnerCenterCredentialStatus1764000000011';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumn('partner_center_credentials', new TableColumn({ name: 'version', type: 'integer', default: 1 }));
    const text = (name: string, length: number, isNullable = false) => ({ name, type: 'varchar', length: String(length), isNullable });
    await queryRunner.createTable(
      new Table({
        name: 'partner_center_credential_status',
        columns: [
          { ...text('id', 200), isPrimary: true },
          text('state', 16),
          text('since', 32, true),
          text('reason', 1000, true),
          text('updated_at', 32),
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('partner_center_credential_status');
    await queryRunner.dropColumn('partner_center_credentials', 'version');
  }
}
