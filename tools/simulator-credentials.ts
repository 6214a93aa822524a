// What the worker signs in to our Microsoft simulator with, in local mode (`npm start`, the fault suite): the
// simulator's default app registration, which opens nothing else, renewed through its Entra ID token endpoint.
import {
  SIMULATOR_CLIENT_ID,
  SIMULATOR_CLIENT_SECRET,
  SIMULATOR_REFRESH_TOKEN,
  SIMULATOR_TENANT_ID,
} from '@escalade/ms-simulator';
import { formerLocalKeyEnv } from './former-local-key';

/**
 * The worker's environment for the simulator at `partnerCenterUrl`. The refresh tokens it rotates are kept encrypted
 * in the data folder's database under the key ring: SECRETS_ENCRYPTION_KEY when set, else the data folder's own key
 * (`secrets.key`); a `credentials.key` of an older `npm start` stays a previous key, so that its tokens still open.
 */
export function simulatorCredentialsEnv(partnerCenterUrl: string, dataDir: string): NodeJS.ProcessEnv {
  return {
    PARTNER_CENTER_CLIENT_ID: SIMULATOR_CLIENT_ID,
    PARTNER_CENTER_CLIENT_SECRET: SIMULATOR_CLIENT_SECRET,
    PARTNER_CENTER_TENANT_ID: SIMULATOR_TENANT_ID,
    PARTNER_CENTER_REFRESH_TOKEN: SIMULATOR_REFRESH_TOKEN,
    ENTRA_AUTHORITY_URL: partnerCenterUrl,
    ...formerLocalKeyEnv(dataDir),
  };
}
