import * as fs from 'node:fs';
import * as path from 'node:path';
import { decodeKey, newKey } from './key-ring';

export const LOCAL_KEY_FILE = 'secrets.key';

/**
 * Local mode's encryption key, made once for the data folder and kept in it (mode 0600): every process of one
 * `npm start` (API, worker, tools) reads the same. Race-safe: the first to write it wins, the others read it.
 */
export function localEncryptionKey(dataDir: string): string {
  const file = path.join(dataDir, LOCAL_KEY_FILE);
  fs.mkdirSync(dataDir, { recursive: true });
  try {
    fs.writeFileSync(file, `${newKey()}\n`, { mode: 0o600, flag: 'wx' });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  }
  const key = fs.readFileSync(file, 'utf8').trim();
  if (!decodeKey(key)) throw new Error(`${file} does not hold a 32-byte key in base64: delete it to make a new one (what it sealed is then lost)`);
  return key;
}
