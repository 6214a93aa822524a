import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { temporalConnection } from './temporal-connection';
import { problemsOf as configProblemsOf } from './testing/config-problems';

const CA = '-----BEGIN CERTIFICATE-----\nY2EgY2VydGlmaWNhdGU=\n-----END CERTIFICATE-----\n';
const CERT = '-----BEGIN CERTIFICATE-----\nY2xpZW50IGNlcnRpZmljYXRl\n-----END CERTIFICATE-----\n';
const KEY = '-----BEGIN PRIVATE KEY-----\nY2xpZW50IGtleQ==\n-----END PRIVATE KEY-----\n';
const API_KEY = 'eyJhbGciOi-secret-api-key';
const CLOUD = 'escalade.a1b2c.tmprl.cloud:7233';

const bytes = (text: string) => new Uint8Array(Buffer.from(text));

const problemsOf = (env: NodeJS.ProcessEnv) => configProblemsOf(env, temporalConnection);

describe('temporalConnection', () => {
  let dir: string;
  const file = (name: string, content: string) => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, content);
    return file;
  };

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'temporal-connection-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('is the local dev server, in plain text, when nothing is set', () => {
    const connection = temporalConnection({});

    expect(connection).toMatchObject({ address: '127.0.0.1:7233', namespace: 'default', description: '127.0.0.1:7233, namespace default, no TLS' });
    expect(connection.workerOptions()).toEqual({ address: '127.0.0.1:7233' });
    expect(connection.clientOptions({ connectTimeout: '3 seconds' })).toEqual({ address: '127.0.0.1:7233', connectTimeout: '3 seconds' });
  });

  it('reaches Temporal Cloud with an API key, which turns TLS on (the system CAs) unless TEMPORAL_TLS=false', () => {
    const connection = temporalConnection({ TEMPORAL_ADDRESS: CLOUD, TEMPORAL_NAMESPACE: 'escalade.a1b2c', TEMPORAL_API_KEY: API_KEY });

    expect(connection.workerOptions()).toEqual({ address: CLOUD, tls: true, apiKey: API_KEY });
    expect(connection.clientOptions()).toEqual({ address: CLOUD, tls: true, apiKey: API_KEY });
    expect(connection.description).toBe(`${CLOUD}, namespace escalade.a1b2c, TLS, API key`);
    expect(temporalConnection({ TEMPORAL_ADDRESS: CLOUD, TEMPORAL_API_KEY: API_KEY, TEMPORAL_TLS: 'false' }).workerOptions()).toEqual({
      address: CLOUD,
      tls: false,
      apiKey: API_KEY,
    });
  });

  it('verifies the server with the CA file given and the server name given (SNI)', () => {
    const options = temporalConnection({
      TEMPORAL_ADDRESS: '10.0.0.7:7233',
      TEMPORAL_TLS_SERVER_CA_CERT_PATH: file('ca.pem', CA),
      TEMPORAL_TLS_SERVER_NAME: 'temporal.internal',
    }).workerOptions();

    expect(options.tls).toEqual({ serverRootCACertificate: bytes(CA), serverNameOverride: 'temporal.internal' });
  });

  it('presents a client certificate and key for mTLS, from files or from the variables themselves', () => {
    const fromFiles = temporalConnection({
      TEMPORAL_TLS_SERVER_CA_CERT_PATH: file('ca.pem', CA),
      TEMPORAL_TLS_CLIENT_CERT_PATH: file('client.pem', CERT),
      TEMPORAL_TLS_CLIENT_KEY_PATH: file('client.key', KEY),
    });
    const fromData = temporalConnection({ TEMPORAL_TLS_SERVER_CA_CERT_DATA: CA, TEMPORAL_TLS_CLIENT_CERT_DATA: CERT, TEMPORAL_TLS_CLIENT_KEY_DATA: KEY });

    const tls = { serverRootCACertificate: bytes(CA), clientCertPair: { crt: bytes(CERT), key: bytes(KEY) } };
    expect(fromFiles.workerOptions().tls).toEqual(tls);
    expect(fromData.clientOptions().tls).toEqual(tls);
    expect(fromFiles.description).toBe('127.0.0.1:7233, namespace default, mTLS');
  });

  it('turns TLS on with the system CAs for TEMPORAL_TLS=true alone', () => {
    expect(temporalConnection({ TEMPORAL_TLS: 'true' }).workerOptions().tls).toEqual({});
  });

  it('names every certificate it cannot use, by variable and path, never by content', () => {
    const missing = path.join(dir, 'missing-ca.pem');
    const notPem = file('client.der', 'binary key bytes, secret');

    const problems = problemsOf({
      TEMPORAL_TLS_SERVER_CA_CERT_PATH: missing,
      TEMPORAL_TLS_CLIENT_CERT_PATH: dir,
      TEMPORAL_TLS_CLIENT_KEY_PATH: notPem,
    });

    expect(problems).toEqual([
      `TEMPORAL_TLS_SERVER_CA_CERT_PATH: cannot read ${missing} (no such file)`,
      `TEMPORAL_TLS_CLIENT_CERT_PATH: cannot read ${dir} (a directory, not a file)`,
      `TEMPORAL_TLS_CLIENT_KEY_PATH: ${notPem} is not PEM (-----BEGIN …)`,
    ]);
    expect(problems.join('\n')).not.toContain('secret');
  });

  it('refuses half a client pair, and a certificate given both as a path and as data', () => {
    expect(problemsOf({ TEMPORAL_TLS_CLIENT_CERT_DATA: CERT })).toEqual(['TEMPORAL_TLS_CLIENT_KEY_PATH (or _DATA): is required with a client certificate']);
    expect(problemsOf({ TEMPORAL_TLS_CLIENT_KEY_PATH: file('client.key', KEY) })).toEqual([
      'TEMPORAL_TLS_CLIENT_CERT_PATH (or _DATA): is required with a client key',
    ]);
    expect(problemsOf({ TEMPORAL_TLS_SERVER_CA_CERT_PATH: file('ca.pem', CA), TEMPORAL_TLS_SERVER_CA_CERT_DATA: CA })).toEqual([
      'TEMPORAL_TLS_SERVER_CA_CERT_PATH, TEMPORAL_TLS_SERVER_CA_CERT_DATA: set one of them, not both',
    ]);
  });

  describe('profiles (TOML, as the temporal CLI reads them)', () => {
    const profiles = () =>
      file(
        'temporal.toml',
        [
          '[profile.default]',
          'address = "127.0.0.1:7233"',
          '[profile.cloud]',
          `address = "${CLOUD}"`,
          'namespace = "escalade.a1b2c"',
          '[profile.cloud.tls]',
          `client_cert_path = "${file('client.pem', CERT)}"`,
          `client_key_path = "${path.join(dir, 'gone.key')}"`,
        ].join('\n'),
      );

    it('starts from the profile TEMPORAL_PROFILE names, under the variables', () => {
      const env = { TEMPORAL_CONFIG_FILE: profiles(), TEMPORAL_PROFILE: 'cloud', TEMPORAL_NAMESPACE: 'escalade-staging.a1b2c' };

      expect(problemsOf(env)).toEqual([`tls.client_key_path of Temporal profile "cloud": cannot read ${path.join(dir, 'gone.key')} (no such file)`]);
      const connection = temporalConnection({ ...env, TEMPORAL_TLS_CLIENT_KEY_PATH: file('client.key', KEY) });
      expect(connection).toMatchObject({ address: CLOUD, namespace: 'escalade-staging.a1b2c' });
      expect(connection.workerOptions().tls).toEqual({ clientCertPair: { crt: bytes(CERT), key: bytes(KEY) } });
    });

    it('reads the CLI’s own file when TEMPORAL_CONFIG_FILE is unset', () => {
      fs.mkdirSync(path.join(dir, 'temporalio'));
      fs.copyFileSync(profiles(), path.join(dir, 'temporalio', 'temporal.toml'));

      expect(temporalConnection({ XDG_CONFIG_HOME: dir, TEMPORAL_PROFILE: 'cloud', TEMPORAL_TLS_CLIENT_KEY_PATH: file('client.key', KEY) }).address).toBe(CLOUD);
    });

    it('refuses a profile file that is not there, a profile it lacks, and a broken file without quoting it', () => {
      const missing = path.join(dir, 'nowhere.toml');
      expect(problemsOf({ TEMPORAL_CONFIG_FILE: missing })).toEqual([`TEMPORAL_CONFIG_FILE: cannot read ${missing} (no such file)`]);
      const toml = profiles();
      expect(problemsOf({ TEMPORAL_CONFIG_FILE: toml, TEMPORAL_PROFILE: 'prod' })).toEqual([
        `Temporal profile "prod" (${toml}): Profile 'prod' not found in config data`,
      ]);
      const broken = problemsOf({ TEMPORAL_CONFIG_FILE: file('broken.toml', '[profile.default]\napi_key = "hunter2-secret" oops\n') });
      expect(broken).toHaveLength(1);
      expect(broken[0]).not.toContain('hunter2');
    });
  });

  it('takes empty variables as unset, as the validator does (compose’s ${VAR:-})', () => {
    expect(temporalConnection({ TEMPORAL_ADDRESS: '', TEMPORAL_API_KEY: '', TEMPORAL_TLS: '' }).workerOptions()).toEqual({ address: '127.0.0.1:7233' });
  });

  it('sends the TEMPORAL_GRPC_META_* headers, which the description leaves out', () => {
    const connection = temporalConnection({ TEMPORAL_GRPC_META_TENANT: 'contoso' });

    expect(connection.workerOptions().metadata).toEqual({ tenant: 'contoso' });
    expect(connection.description).not.toContain('contoso');
  });
});
