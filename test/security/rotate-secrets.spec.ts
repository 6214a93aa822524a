// `npm run secrets:rotate` on a data folder's SQLite file: what an older key sealed is sealed again under the current
// one, counted; a second run finds nothing to do; a former local `credentials.key` is taken as a previous key.
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { DataSource } from 'typeorm';
import { loadAppConfig } from '@escalade/config';
import { AlertSubscriptionStore, dataSourceOptions, PartnerCenterCredentialStore } from '@escalade/persistence';
import { decodeKey, KeyRing, keyRingFrom, newKey } from '@escalade/secrets';
import { FORMER_LOCAL_KEY_FILE } from '../../tools/former-local-key';
import { migrate } from '../../tools/migrate';
import { rotateSecrets, rotationConfig } from '../../tools/rotate-secrets';

const REPO_ROOT = path.resolve(__dirname, '../..');
const TOKEN_KEY = 'partner-tenant/escalade-app';
const ringOf = (key: string, previous: string[] = []) => new KeyRing(decodeKey(key) as Buffer, previous.map((k) => decodeKey(k) as Buffer));

describe('npm run secrets:rotate', () => {
  let dataDir: string;
  beforeEach(() => (dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'escalade-rotate-secrets-'))));
  afterEach(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  /** The data folder's database, migrated, with two subscriptions and a refresh token sealed with `keyRing`. */
  async function secretsSealedWith(keyRing: KeyRing): Promise<void> {
    const config = loadAppConfig({ DATA_DIR: dataDir });
    await migrate(config);
    await onDatabase(async (dataSource) => {
      const subscriptions = new AlertSubscriptionStore(dataSource, keyRing);
      await subscriptions.create({ url: 'https://hooks.slack.com/services/T0/B0/token', secret: 'slack-signing-secret', format: 'slack' });
      await subscriptions.create({ url: 'https://hooks.example.com/in', secret: 'json-signing-secret' });
      await new PartnerCenterCredentialStore(dataSource, keyRing).put(TOKEN_KEY, { refreshToken: 'refresh-token', seedHash: 'a'.repeat(64) }, 0);
    });
  }

  async function onDatabase<T>(use: (dataSource: DataSource) => Promise<T>): Promise<T> {
    const config = loadAppConfig({ DATA_DIR: dataDir });
    const dataSource = await new DataSource(dataSourceOptions(config)).initialize();
    try {
      return await use(dataSource);
    } finally {
      await dataSource.destroy();
    }
  }

  /** Everything opens with `keyRing` alone. */
  async function opensWith(keyRing: KeyRing): Promise<void> {
    await onDatabase(async (dataSource) => {
      const subscriptions = new AlertSubscriptionStore(dataSource, keyRing);
      const secrets = [];
      for (const { id } of await subscriptions.list('all')) secrets.push((await subscriptions.get(id, 'all'))?.secret);
      expect(secrets.sort()).toEqual(['json-signing-secret', 'slack-signing-secret']);
      expect(await new PartnerCenterCredentialStore(dataSource, keyRing).get(TOKEN_KEY)).toMatchObject({ refreshToken: 'refresh-token' });
    });
  }

  async function run(env: Record<string, string>): Promise<{ code: number; output: string }> {
    try {
      const { stdout } = await promisify(execFile)(process.execPath, ['-r', '@swc-node/register', 'tools/rotate-secrets.ts'], {
        cwd: REPO_ROOT,
        env: { PATH: process.env.PATH, HOME: process.env.HOME, DATA_DIR: dataDir, ...env },
      });
      return { code: 0, output: stdout };
    } catch (error) {
      const { code, stdout, stderr } = error as { code: number; stdout: string; stderr: string };
      return { code, output: `${stdout}${stderr}` };
    }
  }

  it('re-encrypts under the new key what the previous one sealed, prints the counts, and re-encrypts nothing the second time', async () => {
    const [previous, current] = [newKey(), newKey()];
    await secretsSealedWith(ringOf(previous));
    const env = { SECRETS_ENCRYPTION_KEY: current, SECRETS_PREVIOUS_KEYS: previous };

    const first = await run(env);
    expect(first).toEqual({
      code: 0,
      output: [
        `sealed under key ${ringOf(current).currentKeyId}:`,
        "  alert subscriptions' webhook URLs and secrets: 2 re-encrypted, 0 already under it (2 stored)",
        "  Partner Center's refresh tokens: 1 re-encrypted, 0 already under it (1 stored)",
        '',
      ].join('\n'),
    });
    expect((await run(env)).output).toContain("alert subscriptions' webhook URLs and secrets: 0 re-encrypted, 2 already under it (2 stored)");
    await opensWith(ringOf(current));
  }, 60_000);

  it('fails naming the key a value was sealed with when that key is not configured, changing nothing', async () => {
    const [lost, current] = [newKey(), newKey()];
    await secretsSealedWith(ringOf(lost));

    const { code, output } = await run({ SECRETS_ENCRYPTION_KEY: current });
    expect(code).toBe(1);
    expect(output).toContain(`the value was encrypted with key ${ringOf(lost).currentKeyId}, which is not configured`);
    expect(output).not.toContain(lost);
    await opensWith(ringOf(lost));
  }, 60_000);

  it("takes a former local credentials.key as a previous key, and seals its refresh tokens under the data folder's secrets.key", async () => {
    const former = newKey();
    fs.writeFileSync(path.join(dataDir, FORMER_LOCAL_KEY_FILE), `${former}\n`, { mode: 0o600 });
    await secretsSealedWith(ringOf(former));

    const config = rotationConfig({ DATA_DIR: dataDir });
    expect(await rotateSecrets(config)).toEqual({
      alertSubscriptionCredentials: { sealed: 2, resealed: 2 },
      partnerCenterRefreshTokens: { sealed: 1, resealed: 1 },
    });
    await opensWith(keyRingFrom({ NODE_ENV: 'development', DATA_DIR: dataDir }));
  });
});
