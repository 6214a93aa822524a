import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { DataSource } from 'typeorm';
import { ApiKeyStore } from '@escalade/persistence';
import { testDatabases } from '@escalade/persistence/testing';
import { ensureLocalAdminKey, LOCAL_ADMIN_KEY_FILE, signInLink } from './local-admin-key';

const [sqlite] = testDatabases(); // SQLite always comes first

describe('ensureLocalAdminKey', () => {
  const opened: DataSource[] = [];
  let dataDir: string;
  let keyFile: string;

  const freshStore = async () => {
    const dataSource = await sqlite.open();
    opened.push(dataSource);
    return new ApiKeyStore(dataSource);
  };

  beforeEach(() => {
    dataDir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'escalade-local-admin-')), 'data'); // not made yet
    keyFile = path.join(dataDir, LOCAL_ADMIN_KEY_FILE);
  });
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((dataSource) => sqlite.close(dataSource)));
    fs.rmSync(path.dirname(dataDir), { recursive: true, force: true });
  });

  it('creates an admin key for every partner tenant on first start, kept in DATA_DIR/local-admin.key readable by its owner only', async () => {
    const store = await freshStore();

    const key = await ensureLocalAdminKey(dataDir, store);

    expect(fs.readFileSync(keyFile, 'utf8')).toBe(`${key}\n`);
    expect(fs.statSync(keyFile).mode & 0o777).toBe(0o600);
    expect(await store.authenticate(key)).toMatchObject({ name: 'local admin', role: 'admin', partnerTenantIds: '*' });
  });

  it('reuses the kept key on a second start, adding none', async () => {
    const store = await freshStore();
    const first = await ensureLocalAdminKey(dataDir, store);

    expect(await ensureLocalAdminKey(dataDir, store)).toBe(first);
    expect(await store.list()).toHaveLength(1);
  });

  it('registers the kept key again on a fresh database (a new DATABASE_URL), so the sign-in link keeps working', async () => {
    const key = await ensureLocalAdminKey(dataDir, await freshStore());
    const fresh = await freshStore();
    expect(await fresh.authenticate(key)).toBeUndefined();

    expect(await ensureLocalAdminKey(dataDir, fresh)).toBe(key);

    expect(await fresh.authenticate(key)).toMatchObject({ name: 'local admin', role: 'admin', partnerTenantIds: '*' });
    expect(fs.readFileSync(keyFile, 'utf8')).toBe(`${key}\n`);
  });

  it('replaces a kept key that was revoked with a new one, so local mode still starts', async () => {
    const store = await freshStore();
    const revoked = await ensureLocalAdminKey(dataDir, store);
    const [{ id }] = await store.list();
    await store.revoke(id);

    const replacement = await ensureLocalAdminKey(dataDir, store);

    expect(replacement).not.toBe(revoked);
    expect(fs.readFileSync(keyFile, 'utf8')).toBe(`${replacement}\n`);
    expect(fs.statSync(keyFile).mode & 0o777).toBe(0o600);
    expect(await store.authenticate(replacement)).toMatchObject({ name: 'local admin', role: 'admin' });
    expect(await store.authenticate(revoked)).toBeUndefined();
  });
});

describe('signInLink', () => {
  it('carries the key in the fragment, which no server log sees', () => {
    expect(signInLink('http://127.0.0.1:3000/', 'esk_abc_d+e')).toBe('http://127.0.0.1:3000/sign-in#key=esk_abc_d%2Be');
  });
});
