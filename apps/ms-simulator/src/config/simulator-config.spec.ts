import { ConfigError } from '@escalade/config';
import {
  SIMULATOR_CLIENT_ID,
  SIMULATOR_CLIENT_SECRET,
  SIMULATOR_REFRESH_TOKEN,
  SIMULATOR_TENANT_ID,
} from './simulator-credentials';
import { loadSimulatorConfig } from './simulator-config';

const ENTRA_DEFAULTS = {
  SIMULATOR_TENANT_ID,
  SIMULATOR_CLIENT_ID,
  SIMULATOR_CLIENT_SECRET,
  SIMULATOR_CLIENT_CERTIFICATE_PATH: undefined,
  SIMULATOR_REFRESH_TOKENS: [SIMULATOR_REFRESH_TOKEN],
  SIMULATOR_ACCESS_TOKEN_LIFETIME_SECONDS: 3600,
  SIMULATOR_REFRESH_TOKEN_ROTATION: true,
  SIMULATOR_REFRESH_TOKEN_GRACE_SECONDS: 60,
  SIMULATOR_TOKEN_SIGNING_KEY: 'escalade-simulator-token-signing-key',
  NODE_ENV: 'development',
  LOG_FORMAT: undefined,
  LOG_LEVEL: 'info',
};

describe('loadSimulatorConfig', () => {
  it('fills the defaults when nothing is set', () => {
    expect(loadSimulatorConfig({})).toEqual({
      SIMULATOR_PORT: 3100,
      SIMULATOR_HOST: '127.0.0.1',
      SIMULATOR_TIME_SCALE: 1,
      SIMULATOR_LATE_PROBABILITY: 0.2,
      SIMULATOR_ATTENTION_PROBABILITY: 0.1,
      SIMULATOR_SEED: undefined,
      ...ENTRA_DEFAULTS,
    });
  });

  it('reads every variable', () => {
    const env = {
      SIMULATOR_PORT: '3200',
      SIMULATOR_HOST: '0.0.0.0',
      SIMULATOR_TIME_SCALE: '0.0001',
      SIMULATOR_LATE_PROBABILITY: '0',
      SIMULATOR_ATTENTION_PROBABILITY: '1',
      SIMULATOR_SEED: '42',
      SIMULATOR_TENANT_ID: '11111111-2222-4333-8444-555555555555',
      SIMULATOR_CLIENT_ID: 'app-1',
      SIMULATOR_CLIENT_SECRET: 'secret-1',
      SIMULATOR_CLIENT_CERTIFICATE_PATH: '/etc/escalade/app.pem',
      SIMULATOR_REFRESH_TOKENS: 'rt-1, rt-2',
      SIMULATOR_ACCESS_TOKEN_LIFETIME_SECONDS: '5',
      SIMULATOR_REFRESH_TOKEN_ROTATION: 'false',
      SIMULATOR_REFRESH_TOKEN_GRACE_SECONDS: '0',
      SIMULATOR_TOKEN_SIGNING_KEY: 'another-signing-key-16+',
      NODE_ENV: 'production',
      LOG_FORMAT: 'pretty',
      LOG_LEVEL: 'debug',
    };
    expect(loadSimulatorConfig(env)).toEqual({
      SIMULATOR_PORT: 3200,
      SIMULATOR_HOST: '0.0.0.0',
      SIMULATOR_TIME_SCALE: 0.0001,
      SIMULATOR_LATE_PROBABILITY: 0,
      SIMULATOR_ATTENTION_PROBABILITY: 1,
      SIMULATOR_SEED: 42,
      SIMULATOR_TENANT_ID: '11111111-2222-4333-8444-555555555555',
      SIMULATOR_CLIENT_ID: 'app-1',
      SIMULATOR_CLIENT_SECRET: 'secret-1',
      SIMULATOR_CLIENT_CERTIFICATE_PATH: '/etc/escalade/app.pem',
      SIMULATOR_REFRESH_TOKENS: ['rt-1', 'rt-2'],
      SIMULATOR_ACCESS_TOKEN_LIFETIME_SECONDS: 5,
      SIMULATOR_REFRESH_TOKEN_ROTATION: false,
      SIMULATOR_REFRESH_TOKEN_GRACE_SECONDS: 0,
      SIMULATOR_TOKEN_SIGNING_KEY: 'another-signing-key-16+',
      NODE_ENV: 'production',
      LOG_FORMAT: 'pretty',
      LOG_LEVEL: 'debug',
    });
  });

  it('stops with a message naming every wrong variable and its value', () => {
    const env = {
      SIMULATOR_PORT: '70000',
      SIMULATOR_TIME_SCALE: '0',
      SIMULATOR_LATE_PROBABILITY: '1.5',
      SIMULATOR_ATTENTION_PROBABILITY: 'often',
      SIMULATOR_SEED: '4.2',
      SIMULATOR_TENANT_ID: 'contoso',
      SIMULATOR_REFRESH_TOKENS: ' , ',
      SIMULATOR_ACCESS_TOKEN_LIFETIME_SECONDS: '0',
      SIMULATOR_REFRESH_TOKEN_ROTATION: 'yes',
    };
    let problems: string[] = [];
    let message = '';
    try {
      loadSimulatorConfig(env);
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      ({ problems, message } = err as ConfigError);
    }
    expect(problems.map((p) => p.split('=')[0])).toEqual([
      'SIMULATOR_PORT',
      'SIMULATOR_TIME_SCALE',
      'SIMULATOR_LATE_PROBABILITY',
      'SIMULATOR_ATTENTION_PROBABILITY',
      'SIMULATOR_SEED',
      'SIMULATOR_TENANT_ID',
      'SIMULATOR_REFRESH_TOKENS',
      'SIMULATOR_ACCESS_TOKEN_LIFETIME_SECONDS',
      'SIMULATOR_REFRESH_TOKEN_ROTATION',
    ]);
    expect(message).toContain('SIMULATOR_LATE_PROBABILITY="1.5": Number must be less than or equal to 1');
  });

  it('treats an empty variable as unset', () => {
    expect(loadSimulatorConfig({ SIMULATOR_PORT: '', SIMULATOR_SEED: '' })).toMatchObject({ SIMULATOR_PORT: 3100, SIMULATOR_SEED: undefined });
  });
});
