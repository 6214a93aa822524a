// `npm run secrets:rotate`: after a key rotation (the new key in SECRETS_ENCRYPTION_KEY, the old one in
// SECRETS_PREVIOUS_KEYS), seals again under the new key every value an older key sealed in the database: the alert
// subscriptions' webhook URLs and secrets, Partner Center's refresh tokens. Idempotent; the old key may go afterwards.
import { DataSource } from 'typeorm';
import { ConfigError, loadAppConfig, type AppConfig } from '@escalade/config';
import { dataSourceOptions, resealSecrets, type ResealReport } from '@escalade/persistence';
import { keyRingFrom } from '@escalade/secrets';
import { formerLocalKeyEnv } from './former-local-key';
import { migrate } from './migrate';

const KINDS: Record<keyof ResealReport, string> = {
  alertSubscriptionCredentials: "alert subscriptions' webhook URLs and secrets",
  partnerCenterRefreshTokens: "Partner Center's refresh tokens",
};

/** The configuration, with a former local `credentials.key` as a previous key. */
export function rotationConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  return loadAppConfig({ ...env, ...formerLocalKeyEnv(loadAppConfig(env).DATA_DIR, env) });
}

/** Brings the tables up to date (a migration seals what was in clear), then seals again what an older key sealed. */
export async function rotateSecrets(config: AppConfig): Promise<ResealReport> {
  const keyRing = keyRingFrom(config);
  await migrate(config);
  const dataSource = await new DataSource(dataSourceOptions(config, () => keyRing)).initialize();
  try {
    return await resealSecrets(dataSource, keyRing);
  } finally {
    await dataSource.destroy();
  }
}

export function rotationSummary(report: ResealReport, currentKeyId: string): string[] {
  return [
    `sealed under key ${currentKeyId}:`,
    ...Object.entries(KINDS).map(([kind, name]) => {
      const { sealed, resealed } = report[kind as keyof ResealReport];
      return `  ${name}: ${resealed} re-encrypted, ${sealed - resealed} already under it (${sealed} stored)`;
    }),
  ];
}

if (require.main === module) {
  (async () => {
    const config = rotationConfig();
    const report = await rotateSecrets(config);
    console.log(rotationSummary(report, keyRingFrom(config).currentKeyId).join('\n'));
  })().catch((err: unknown) => {
    console.error(err instanceof ConfigError || err instanceof Error ? err.message : err);
    process.exit(1);
  });
}
