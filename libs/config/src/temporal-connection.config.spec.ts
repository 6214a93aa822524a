import { CONFIG_ENV_NAMES, loadAppConfig } from './app-config';
import { temporalConnectionSchema } from './temporal-connection.config';
import { problemsOf } from './testing/config-problems';

describe('Temporal connection settings', () => {
  it('knows every variable of the temporal CLI that the SDK honours', () => {
    expect(CONFIG_ENV_NAMES).toEqual(expect.arrayContaining(Object.keys(temporalConnectionSchema)));
    expect(Object.keys(temporalConnectionSchema)).toEqual(
      expect.arrayContaining([
        'TEMPORAL_ADDRESS',
        'TEMPORAL_NAMESPACE',
        'TEMPORAL_API_KEY',
        'TEMPORAL_TLS',
        'TEMPORAL_TLS_CLIENT_CERT_PATH',
        'TEMPORAL_TLS_CLIENT_CERT_DATA',
        'TEMPORAL_TLS_CLIENT_KEY_PATH',
        'TEMPORAL_TLS_CLIENT_KEY_DATA',
        'TEMPORAL_TLS_SERVER_CA_CERT_PATH',
        'TEMPORAL_TLS_SERVER_CA_CERT_DATA',
        'TEMPORAL_TLS_SERVER_NAME',
        'TEMPORAL_TLS_DISABLE_HOST_VERIFICATION',
        'TEMPORAL_PROFILE',
        'TEMPORAL_CONFIG_FILE',
      ]),
    );
  });

  it('leaves address and namespace unset when they are, for a profile to give them', () => {
    expect(loadAppConfig({})).toMatchObject({ TEMPORAL_ADDRESS: undefined, TEMPORAL_NAMESPACE: undefined });
  });

  it('takes host:port addresses: Temporal Cloud’s, IPv6 in brackets, a service name', () => {
    for (const address of ['my-namespace.a1b2c.tmprl.cloud:7233', 'eastus.azure.api.temporal.io:7233', '[::1]:7233', 'temporal-frontend:7233']) {
      expect(loadAppConfig({ TEMPORAL_ADDRESS: address }).TEMPORAL_ADDRESS).toBe(address);
    }
    for (const address of ['localhost', 'temporal:70000', 'temporal:0', 'https://my-namespace.a1b2c.tmprl.cloud:7233']) {
      expect(problemsOf({ TEMPORAL_ADDRESS: address })).toEqual(['TEMPORAL_ADDRESS: must be host:port, e.g. 127.0.0.1:7233 or my-namespace.a1b2c.tmprl.cloud:7233']);
    }
  });

  it('refuses a flag it would read as off by mistake, and the host verification the SDK cannot turn off', () => {
    expect(problemsOf({ TEMPORAL_TLS: 'yes', TEMPORAL_TLS_DISABLE_HOST_VERIFICATION: 'true' })).toEqual([
      'TEMPORAL_TLS: must be one of true, false, 1, 0',
      'TEMPORAL_TLS_DISABLE_HOST_VERIFICATION: cannot be honoured: the Temporal TypeScript SDK always verifies the server’s name; ' +
        'set TEMPORAL_TLS_SERVER_NAME to a name its certificate holds',
    ]);
    expect(loadAppConfig({ TEMPORAL_TLS: 'true', TEMPORAL_TLS_DISABLE_HOST_VERIFICATION: 'false' }).TEMPORAL_TLS).toBe('true');
  });

  it('takes certificates and keys in PEM, and never shows one that is not', () => {
    const key = 'MIIEvQIBADANBgkqhkiG9w0BAQEFAASC-secret-key-bytes';
    const problems = problemsOf({ TEMPORAL_TLS_CLIENT_KEY_DATA: key, TEMPORAL_TLS_SERVER_NAME: 'temporal.internal:7233', TEMPORAL_API_KEY: 'k' });

    expect(problems).toEqual([
      'TEMPORAL_TLS_SERVER_NAME: must be a host name, without port',
      'TEMPORAL_TLS_CLIENT_KEY_DATA: must be a private key in PEM (-----BEGIN …)',
    ]);
    expect(problems.join('\n')).not.toContain('secret');
  });
});
