import * as fs from 'node:fs';
import * as path from 'node:path';

/** The key `npm start` made in the data folder for the simulator's refresh tokens, before the key ring (`secrets.key`). */
export const FORMER_LOCAL_KEY_FILE = 'credentials.key';

/**
 * With a former `DATA_DIR/credentials.key`, the environment that keeps it as a previous key (after SECRETS_PREVIOUS_KEYS):
 * what it sealed still opens, until `npm run secrets:rotate` seals it again under the current key. Empty without one.
 */
export function formerLocalKeyEnv(dataDir: string, env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const file = path.join(dataDir, FORMER_LOCAL_KEY_FILE);
  if (!fs.existsSync(file)) return {};
  const former = fs.readFileSync(file, 'utf8').trim();
  return { SECRETS_PREVIOUS_KEYS: [env.SECRETS_PREVIOUS_KEYS, former].filter(Boolean).join(',') };
}
