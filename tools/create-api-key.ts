// `npm run api-keys:create -- --name <name> --role viewer|coordinator|admin --partners <tenant id>,…|*`: an API key
// made straight in the database, for the first admin of a deployment (later ones come from `POST /api-keys`).
import { parseArgs } from 'node:util';
import { DataSource } from 'typeorm';
import { ConfigError, loadAppConfig } from '@escalade/config';
import { API_KEY_ROLES, ApiKeyStore, dataSourceOptions, type ApiKeyRole } from '@escalade/persistence';
import { migrate } from './migrate';

const USAGE = 'usage: npm run api-keys:create -- --name <name> --role viewer|coordinator|admin --partners <tenant id>[,<tenant id>…]|*';

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { name: { type: 'string' }, role: { type: 'string' }, partners: { type: 'string' } } });
  const { name, role, partners } = values;
  if (!name || !role || !partners || !API_KEY_ROLES.includes(role as ApiKeyRole)) throw new Error(USAGE);
  const config = loadAppConfig();
  await migrate(config);
  const dataSource = await new DataSource(dataSourceOptions(config)).initialize();
  try {
    const { key, apiKey } = await new ApiKeyStore(dataSource).create({
      name,
      role: role as ApiKeyRole,
      partnerTenantIds: partners.trim() === '*' ? '*' : partners.split(',').map((id) => id.trim()),
      createdBy: `npm run api-keys:create (${process.env.USER ?? 'unknown user'})`,
    });
    console.log(`API key ${apiKey.id} (${apiKey.name}, ${apiKey.role}); it is shown only now:\n${key}`);
  } finally {
    await dataSource.destroy();
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof ConfigError || err instanceof Error ? err.message : err);
  process.exit(1);
});
