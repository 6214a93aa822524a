// .env.example as a deployer fills it in for production: every commented line uncommented, the values it leaves empty
// filled with dummies, each valid for its setting.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ROOT } from './compose-stack';
import { commentedAssignments } from './env-files';

const key = (fill: number) => Buffer.alloc(32, fill).toString('base64');
const SIGN_IN_TENANT = '6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b';

const FILLED_IN: Record<string, string> = {
  ENTRA_CLIENT_ID: '3e9a7c1d-2b4f-4a6e-9c8d-7f1e2d3c4b5a',
  ENTRA_ALLOWED_TENANTS: SIGN_IN_TENANT,
  ENTRA_TENANT_PARTNERS: JSON.stringify({ [SIGN_IN_TENANT]: ['22222222-2222-4222-8222-222222222222'] }),
  ENTRA_AUDIENCE: 'api://escalade',
  ENTRA_SCOPE: 'api://escalade/access_as_user',
  SECRETS_ENCRYPTION_KEY: key(1),
  SECRETS_PREVIOUS_KEYS: `${key(2)},${key(3)}`,
  CREDENTIALS_ENCRYPTION_KEY: key(4),
  METRICS_TOKEN: 'f3a1c9e07b2d4e6a8c0b1d2e3f4a5b6c',
  ALERT_ALLOWED_HOSTS: 'alerts.internal.example,10.20.0.0/16',
  SMTP_URL: 'smtp://escalade:smtp-password@smtp.example.com:587',
  ALERT_EMAIL_FROM: 'Escalade <escalade@example.com>',
  ESCALADE_DB_PASSWORD: 'escalade-db-password',
  TEMPORAL_DB_PASSWORD: 'temporal-db-password',
  PARTNER_CENTER_CLIENT_ID: '7d2c4b6a-8e1f-4a3b-9c5d-0e2f4a6b8c1d',
  PARTNER_CENTER_CLIENT_SECRET: 'app-client-secret',
  PARTNER_CENTER_TENANT_ID: '9a3c1f52-7d4e-4b8a-9c61-2e5f8d7b3a10',
  PARTNER_CENTER_REFRESH_TOKEN: 'refresh-token-from-consent',
  SIMULATOR_SEED: '7',
};

/** Every `# NAME=value` line of .env.example, in order. */
export const EXAMPLE_ASSIGNMENTS = commentedAssignments(fs.readFileSync(path.join(ROOT, '.env.example'), 'utf8'));

/** The `.env` it becomes; a value left empty that no dummy fills stays empty (the spec says which). */
export const PRODUCTION_DOT_ENV: Record<string, string> = Object.fromEntries(
  EXAMPLE_ASSIGNMENTS.map(([name, value]) => [name, value || FILLED_IN[name] || '']),
);
