// What the worker signs in to our Microsoft simulator with, in local mode (`npm start`, the fault suite): the
// simulator's default app registration, which opens nothing else, renewed through its Entra ID token endpoint.
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  SIMULATOR_CLIENT_ID,
  SIMULATOR_CLIENT_SECRET,
  SIMULATOR_REFRESH_TOKEN,
  SIMULATOR_TENANT_ID,
} from '../apps/ms-simulator/src/testing/simulator-credentials';

/**
 * The worker's environment for the simulator at `partnerCenterUrl`. The refresh tokens it rotates are kept encrypted
 * in the data folder's database, under CREDENTIALS_ENCRYPTION_KEY when set, else a key made once for this folder.
 */
export function simulatorCredentialsEnv(partnerCenterUrl: string, dataDir: string): NodeJS.ProcessEnv {
  return {
    PARTNER_CENTER_CLIENT_ID: SIMULATOR_CLIENT_ID,
    PARTNER_CENTER_CLIENT_SECRET: SIMULATOR_CLIENT_SECRET,
    PARTNER_CENTER_TENANT_ID: SIMULATOR_TENANT_ID,
    PARTNER_CENTER_REFRESH_TOKEN: SIMULATOR_REFRESH_TOKEN,
    ENTRA_AUTHORITY_URL: partnerCenterUrl,
    CREDENTIALS_ENCRYPTION_KEY: process.env.CREDENTIALS_ENCRYPTION_KEY ?? localEncryptionKey(dataDir),
  };
}

function localEncryptionKey(dataDir: string): string {
  const file = path.join(dataDir, 'credentials.key');
  if (!fs.existsSync(file)) {
    fs.mkdirSync(dataDir, { recursive: true });
    fs.writeFileSync(file, randomBytes(32).toString('base64'), { mode: 0o600, flag: 'wx' });
  }
  return fs.readFileSync(file, 'utf8').trim();
}
