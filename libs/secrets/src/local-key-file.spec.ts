import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { decodeKey } from './key-ring';
import { LOCAL_KEY_FILE, localEncryptionKey } from './local-key-file';

describe('localEncryptionKey', () => {
  let dataDir: string;
  beforeEach(() => (dataDir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'escalade-secrets-')), 'data')));
  afterEach(() => fs.rmSync(path.dirname(dataDir), { recursive: true, force: true }));

  it('makes a key once, readable by its owner only, and reads the same one afterwards', () => {
    const key = localEncryptionKey(dataDir);
    expect(decodeKey(key)).toHaveLength(32);
    expect(fs.statSync(path.join(dataDir, LOCAL_KEY_FILE)).mode & 0o777).toBe(0o600);
    expect(localEncryptionKey(dataDir)).toBe(key);
  });

  it('refuses a file that holds no key rather than sealing with something else', () => {
    fs.mkdirSync(dataDir, { recursive: true });
    fs.writeFileSync(path.join(dataDir, LOCAL_KEY_FILE), 'oops\n');
    expect(() => localEncryptionKey(dataDir)).toThrow('does not hold a 32-byte key');
  });
});
