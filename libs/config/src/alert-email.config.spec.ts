import { loadAppConfig } from './app-config';
import { problemsOf } from './testing/config-problems';

const PRODUCTION = {
  NODE_ENV: 'production',
  ENTRA_CLIENT_ID: 'escalade-api',
  ENTRA_ALLOWED_TENANTS: '6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b',
  SECRETS_ENCRYPTION_KEY: Buffer.alloc(32, 1).toString('base64'),
};

describe('SMTP_URL and ALERT_EMAIL_FROM', () => {
  it('are optional: without them, no e-mail alerts', () => {
    expect(loadAppConfig({})).toMatchObject({ SMTP_URL: undefined, ALERT_EMAIL_FROM: undefined });
    expect(() => loadAppConfig(PRODUCTION)).not.toThrow();
  });

  it('take an smtp:// or smtps:// server, with credentials, and an address with or without a name', () => {
    const config = loadAppConfig({ SMTP_URL: 'smtps://alerts:p%40ss@mail.example.com:465', ALERT_EMAIL_FROM: 'Escalade <alerts@example.com>' });
    expect(config).toMatchObject({ SMTP_URL: 'smtps://alerts:p%40ss@mail.example.com:465', ALERT_EMAIL_FROM: 'Escalade <alerts@example.com>' });
    expect(() => loadAppConfig({ SMTP_URL: 'smtp://127.0.0.1:2525', ALERT_EMAIL_FROM: 'alerts@example.com' })).not.toThrow();
  });

  it('name what is wrong, never the value', () => {
    const env = { SMTP_URL: 'https://user:hunter2@mail.example.com', ALERT_EMAIL_FROM: 'Escalade <alerts>' };
    const problems = problemsOf(env);
    expect(problems).toEqual([
      'SMTP_URL: must be an smtp:// or smtps:// URL such as smtp://mail.example.com:587',
      'ALERT_EMAIL_FROM: must be an e-mail address, or a name and one: Escalade <alerts@example.com>',
    ]);
    expect(problems.join('\n')).not.toContain('hunter2');
  });

  it('require a sender in production once SMTP_URL is set', () => {
    expect(problemsOf({ ...PRODUCTION, SMTP_URL: 'smtp://mail.example.com:587' })).toEqual([
      'ALERT_EMAIL_FROM: is required with SMTP_URL in production: the address e-mail alerts are sent from',
    ]);
    expect(() => loadAppConfig({ ...PRODUCTION, SMTP_URL: 'smtp://mail.example.com:587', ALERT_EMAIL_FROM: 'alerts@example.com' })).not.toThrow();
  });
});
