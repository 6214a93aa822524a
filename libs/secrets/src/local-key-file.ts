import * as fs from 'node:fs';
import * as path from 'node:path';
import { decodeKey, newKey } from './key-ring';

export const LOCAL_KEY_FILE = 'secrets.key';

/**
 * A secret of local mode, made once for the data folder and kept in it (mode 0600) as `fileName`: every process of one
 * `npm start` (API, worker, tools) reads the same. Race-safe: written aside, then linked into place, so the first to
 * link wins and the others read it whole.
 */
export function localSecret(dataDir: string, fileName: string, make: () => string): string {
  const file = path.join(dataDir, fileName);
  fs.mkdirSync(dataDir, { recursive: true });
  if (!fs.existsSync(file)) {
    const aside = `${file}.${process.pid}`;
    fs.writeFileSync(aside, `${make()}\n`, { mode: 0o600 });
    try {
      fs.linkSync(aside, file);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    } finally {
      fs.rmSync(aside, { force: true });
    }
  }
  return fs.readFileSync(file, 'utf8').trim();
}

/** Local mode's encryption key (`DATA_DIR/secrets.key`): see localSecret. */
export function localEncryptionKey(dataDir: string): string {
  const key = localSecret(dataDir, LOCAL_KEY_FILE, newKey);
  if (!decodeKey(key)) {
    throw new Error(`${path.join(dataDir, LOCAL_KEY_FILE)} does not hold a 32-byte key in base64: delete it to make a new one (what it sealed is then lost)`);
  }
  return key;
}
