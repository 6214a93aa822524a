import * as fs from 'node:fs';
import * as path from 'node:path';
import { randomUUID } from 'node:crypto';
import { parseApiKey, type ApiKeyStore } from '@escalade/persistence';

export const LOCAL_ADMIN_KEY_FILE = 'local-admin.key';

const LOCAL_ADMIN = { name: 'local admin', partnerTenantIds: '*', role: 'admin', createdBy: 'local mode (no identity configured)' } as const;

/**
 * Local mode's admin API key, bound to every partner tenant: created on first start and kept in the data folder
 * (mode 0600) so that later starts, and `npm start`'s sign-in link, use the same one. Returns it.
 */
export async function ensureLocalAdminKey(dataDir: string, apiKeys: ApiKeyStore): Promise<string> {
  const file = path.join(dataDir, LOCAL_ADMIN_KEY_FILE);
  const kept = fs.existsSync(file) ? fs.readFileSync(file, 'utf8').trim() : undefined;
  if (kept && (await apiKeys.authenticate(kept))) return kept;
  const parsed = parseApiKey(kept);
  if (kept && parsed && !(await apiKeys.list()).some((key) => key.prefix === parsed.prefix)) {
    // The file outlived its database (a new DATABASE_URL, say): the key is registered again.
    await apiKeys.ensure({ id: randomUUID(), key: kept, ...LOCAL_ADMIN });
    return kept;
  }
  // None yet, or the kept one was revoked (or is not a key): a new one replaces it.
  const { key } = await apiKeys.create(LOCAL_ADMIN);
  fs.mkdirSync(dataDir, { recursive: true });
  const written = `${file}.${process.pid}`;
  fs.writeFileSync(written, `${key}\n`, { mode: 0o600 });
  fs.renameSync(written, file);
  return key;
}

/** The link that signs a browser in to the console with the key (in the fragment, which never reaches a server log). */
export function signInLink(baseUrl: string, key: string): string {
  return `${baseUrl.replace(/\/+$/, '')}/sign-in#key=${encodeURIComponent(key)}`;
}
