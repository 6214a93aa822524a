import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { decodeKey, KeyRing, keyIdOf, newKey } from './key-ring';
import { keyRingFrom, MissingEncryptionKeyError } from './key-ring-from-settings';
import { LOCAL_KEY_FILE } from './local-key-file';

describe('keyRingFrom', () => {
  let dataDir: string;
  beforeEach(() => (dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'escalade-key-ring-'))));
  afterEach(() => fs.rmSync(dataDir, { recursive: true, force: true }));
  const idOf = (key: string) => keyIdOf(decodeKey(key) as Buffer);

  it('seals with SECRETS_ENCRYPTION_KEY and opens with the previous keys too', () => {
    const [current, previous] = [newKey(), newKey()];
    const ring = keyRingFrom({ NODE_ENV: 'production', DATA_DIR: dataDir, SECRETS_ENCRYPTION_KEY: current, SECRETS_PREVIOUS_KEYS: [previous] });
    expect(ring.currentKeyId).toBe(idOf(current));
    expect(ring.keyIds).toEqual([idOf(current), idOf(previous)]);
  });

  it('still opens refresh tokens sealed under a former CREDENTIALS_ENCRYPTION_KEY', () => {
    const former = newKey();
    const sealed = new KeyRing(decodeKey(former) as Buffer).seal('refresh-token', 'partner-center');
    const ring = keyRingFrom({ NODE_ENV: 'production', DATA_DIR: dataDir, SECRETS_ENCRYPTION_KEY: newKey(), CREDENTIALS_ENCRYPTION_KEY: former });
    expect(ring.open(sealed, 'partner-center')).toBe('refresh-token');
    expect(ring.isStale(sealed)).toBe(true);
  });

  it('makes and keeps a key for the data folder outside production', () => {
    const ring = keyRingFrom({ NODE_ENV: 'development', DATA_DIR: dataDir });
    expect(ring.currentKeyId).toBe(idOf(fs.readFileSync(path.join(dataDir, LOCAL_KEY_FILE), 'utf8').trim()));
    expect(keyRingFrom({ NODE_ENV: 'development', DATA_DIR: dataDir }).currentKeyId).toBe(ring.currentKeyId);
  });

  it('refuses production without a key, making none', () => {
    expect(() => keyRingFrom({ NODE_ENV: 'production', DATA_DIR: dataDir })).toThrow(MissingEncryptionKeyError);
    expect(fs.existsSync(path.join(dataDir, LOCAL_KEY_FILE))).toBe(false);
  });
});
