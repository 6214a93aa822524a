import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DEFAULT_FOLLOW_UP_POLICY, DEFAULT_SLA_POLICY } from '@escalade/domain';
import { ConfigError, loadAppConfig } from './app-config';
import { loadSlaPolicy } from './sla-policy.loader';
import { problemsOf } from './testing/config-problems';

describe('loadAppConfig', () => {
  it('fills the embedded defaults when nothing is set', () => {
    const config = loadAppConfig({});
    expect(config).toMatchObject({
      PORT: 3000,
      TEMPORAL_TASK_QUEUE: 'service-requests',
      SLA_TIME_SCALE: 1,
    });
    expect(config.DATABASE_URL).toBeUndefined();
    expect(config.databaseFile).toBe(path.resolve('data', 'escalade.sqlite'));
  });

  it('stops with a message naming every wrong variable with its rule, never its value', () => {
    const env = {
      PORT: 'eighty',
      NODE_ENV: 'prod-with-a-secret',
      TEMPORAL_ADDRESS: 'localhost',
      SLA_TIME_SCALE: '-1',
      DATABASE_URL: 'mysql://escalade:hunter2-password@db.internal/escalade',
    };
    const problems = problemsOf(env);
    expect(problems).toEqual([
      'NODE_ENV: must be one of development, production, test',
      'PORT: must be a number',
      'DATABASE_URL: must be a postgres:// or postgresql:// URL',
      'TEMPORAL_ADDRESS: must be host:port, e.g. 127.0.0.1:7233 or my-namespace.a1b2c.tmprl.cloud:7233',
      'SLA_TIME_SCALE: Number must be greater than 0',
    ]);
    for (const value of Object.values(env)) expect(problems.join('\n')).not.toContain(value);
    expect(() => loadAppConfig(env)).toThrow(ConfigError);
  });

  it('names at once the variables wrong on their own and those wrong together', () => {
    expect(problemsOf({ PORT: '0', ENTRA_CLIENT_ID: 'escalade-api', TEMPORAL_UI_URL: 'not a url' })).toEqual([
      'PORT: Number must be greater than or equal to 1',
      'TEMPORAL_UI_URL: must be a URL',
      'ENTRA_ALLOWED_TENANTS: is required with ENTRA_CLIENT_ID',
    ]);
  });

  it('names an entry of a list by its position', () => {
    const key = Buffer.alloc(32, 1).toString('base64');
    expect(problemsOf({ SECRETS_PREVIOUS_KEYS: `${key},short` })).toEqual(['SECRETS_PREVIOUS_KEYS (entry 2): must be 32 bytes in base64 (openssl rand -base64 32)']);
  });

  it('requires an encryption key in production, where none is made; the former CREDENTIALS_ENCRYPTION_KEY will do', () => {
    const key = Buffer.alloc(32, 2).toString('base64');
    const production = { NODE_ENV: 'production', ENTRA_CLIENT_ID: 'escalade-api', ENTRA_ALLOWED_TENANTS: '6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b' };
    expect(problemsOf(production)).toEqual([
      'SECRETS_ENCRYPTION_KEY: is required with NODE_ENV=production: it encrypts the secrets kept in the database and the Temporal ' +
        'payloads (32 bytes in base64: openssl rand -base64 32)',
    ]);
    expect(loadAppConfig({ ...production, SECRETS_ENCRYPTION_KEY: key }).SECRETS_ENCRYPTION_KEY).toBe(key);
    expect(loadAppConfig({ ...production, CREDENTIALS_ENCRYPTION_KEY: key }).CREDENTIALS_ENCRYPTION_KEY).toBe(key);
    expect(loadAppConfig({}).SECRETS_ENCRYPTION_KEY).toBeUndefined();
  });

  it('files with the simulator by default; the real Partner Center takes a static token in development only', () => {
    expect(loadAppConfig({})).toMatchObject({ MICROSOFT_SUPPORT: 'simulator', PARTNER_CENTER_URL: 'http://127.0.0.1:3100' });
    expect(() => loadAppConfig({ MICROSOFT_SUPPORT: 'partner-center' })).toThrow(
      /PARTNER_CENTER_CLIENT_ID: the Partner Center app credentials are required when MICROSOFT_SUPPORT=partner-center .*PARTNER_CENTER_TOKEN will do for development/,
    );
    expect(loadAppConfig({ MICROSOFT_SUPPORT: 'partner-center', PARTNER_CENTER_TOKEN: 't' }).PARTNER_CENTER_TOKEN).toBe('t');
  });

  it('gives running activities 10 s to finish when the worker shuts down, and takes an integer number of ms', () => {
    expect(loadAppConfig({}).WORKER_SHUTDOWN_GRACE_MS).toBe(10_000);
    expect(loadAppConfig({ WORKER_SHUTDOWN_GRACE_MS: '25000' }).WORKER_SHUTDOWN_GRACE_MS).toBe(25_000);
    expect(problemsOf({ WORKER_SHUTDOWN_GRACE_MS: '1.5' })).toEqual(['WORKER_SHUTDOWN_GRACE_MS: must be an integer']);
    expect(problemsOf({ WORKER_SHUTDOWN_GRACE_MS: '-1' })).toEqual(['WORKER_SHUTDOWN_GRACE_MS: Number must be greater than or equal to 0']);
  });

  it('keeps 1,000 workflows in the worker cache unless told otherwise, and at least 2 (the SDK needs two)', () => {
    expect(loadAppConfig({}).WORKER_MAX_CACHED_WORKFLOWS).toBe(1_000);
    expect(loadAppConfig({ WORKER_MAX_CACHED_WORKFLOWS: '250' }).WORKER_MAX_CACHED_WORKFLOWS).toBe(250);
    expect(problemsOf({ WORKER_MAX_CACHED_WORKFLOWS: '1' })).toEqual(['WORKER_MAX_CACHED_WORKFLOWS: Number must be greater than or equal to 2']);
  });

  it('treats an empty variable as unset', () => {
    expect(loadAppConfig({ PORT: '', DATABASE_URL: '' })).toMatchObject({ PORT: 3000, DATABASE_URL: undefined });
  });
});

describe('loadSlaPolicy', () => {
  const writePolicy = (content: unknown) => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'policy-')), 'policy.json');
    fs.writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
    return file;
  };

  it('is the default policy scaled by SLA_TIME_SCALE without a file', () => {
    expect(loadSlaPolicy({ SLA_TIME_SCALE: 0.5 })).toEqual({ ...DEFAULT_SLA_POLICY, timeScale: 0.5 });
  });

  it('overrides only what the file names', () => {
    const file = writePolicy({ version: 'custom-1', breakFixMinutes: { A: 60 }, calendar: { timeZone: 'Europe/Paris' } });
    const policy = loadSlaPolicy({ SLA_POLICY_FILE: file, SLA_TIME_SCALE: 1 });
    expect(policy.version).toBe('custom-1');
    expect(policy.breakFixMinutes).toEqual({ A: 60, B: 240, C: 480 });
    expect(policy.calendar).toEqual({ ...DEFAULT_SLA_POLICY.calendar, timeZone: 'Europe/Paris' });
    expect(policy.ladder).toEqual(DEFAULT_SLA_POLICY.ladder);
    expect(policy.customerCalendars).toBeUndefined();
  });

  it('overrides the follow-up targets per severity, keeping the defaults of the rest', () => {
    const file = writePolicy({
      version: 'custom-2',
      followUp: { microsoftUpdate: { A: { minutes: 120 } }, partnerReply: { C: { businessMinutes: 240 } }, resolution: { A: { businessDays: 5 } } },
    });
    const { followUp } = loadSlaPolicy({ SLA_POLICY_FILE: file, SLA_TIME_SCALE: 1 });
    expect(followUp).toEqual({
      microsoftUpdate: { ...DEFAULT_FOLLOW_UP_POLICY.microsoftUpdate, A: { minutes: 120 } },
      partnerReply: { ...DEFAULT_FOLLOW_UP_POLICY.partnerReply, C: { businessMinutes: 240 } },
      resolution: { A: { businessDays: 5 } },
    });
    expect(loadSlaPolicy({ SLA_TIME_SCALE: 1 }).followUp?.resolution).toBeUndefined(); // no resolution target by default
    const wrong = writePolicy({ followUp: { microsoftUpdate: { B: { hours: 8 } }, partnerReply: { A: { minutes: 0 } } } });
    expect(() => loadSlaPolicy({ SLA_POLICY_FILE: wrong, SLA_TIME_SCALE: 1 })).toThrow(
      /followUp\.microsoftUpdate\.B: must be one of[\s\S]*followUp\.partnerReply\.A\.minutes: Number must be greater than 0/,
    );
  });

  it('names the file and each invalid entry', () => {
    const file = writePolicy({ breakFixMinutes: { A: -5 }, ladder: [], colour: 'red' });
    expect(() => loadSlaPolicy({ SLA_POLICY_FILE: file, SLA_TIME_SCALE: 1 })).toThrow(
      /breakFixMinutes\.A[\s\S]*ladder[\s\S]*colour/,
    );
    expect(() => loadSlaPolicy({ SLA_POLICY_FILE: writePolicy('{oops'), SLA_TIME_SCALE: 1 })).toThrow(/SLA_POLICY_FILE=.*JSON/);
  });
  describe('calendars', () => {
    const ICS = [
      'BEGIN:VCALENDAR',
      'VERSION:2.0',
      'BEGIN:VEVENT',
      'SUMMARY:Noël',
      'DTSTART;VALUE=DATE:20261225',
      'DTEND;VALUE=DATE:20261226',
      'END:VEVENT',
      'BEGIN:VEVENT',
      'SUMMARY:Pont de',
      '  la Toussaint',
      'DTSTART;VALUE=DATE:20261101',
      'DTEND;VALUE=DATE:20261103',
      'END:VEVENT',
      'END:VCALENDAR',
    ].join('\r\n');
    const load = (file: string) => loadSlaPolicy({ SLA_POLICY_FILE: file, SLA_TIME_SCALE: 1 });
    const problemsOf = (file: string): string[] => {
      try {
        load(file);
      } catch (err) {
        expect(err).toBeInstanceOf(ConfigError);
        return (err as ConfigError).problems;
      }
      throw new Error('expected a ConfigError');
    };

    it('given holidaysIcsFile next to the policy file, when loading, then its dates are merged into the holidays, sorted', () => {
      const file = writePolicy({ calendar: { timeZone: 'Europe/Paris', holidays: ['2026-12-25', '2026-07-14'], holidaysIcsFile: 'fr.ics' } });
      fs.writeFileSync(path.join(path.dirname(file), 'fr.ics'), ICS);

      expect(load(file).calendar).toEqual({
        timeZone: 'Europe/Paris',
        week: DEFAULT_SLA_POLICY.calendar.week,
        holidays: ['2026-07-14', '2026-11-01', '2026-11-02', '2026-12-25'],
      });
    });

    it('given an absolute holidaysIcsFile for a customer, when loading, then the customer calendar gets those holidays only', () => {
      const icsFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'ics-')), 'holidays.ics');
      fs.writeFileSync(icsFile, ICS);
      const file = writePolicy({
        calendar: { timeZone: 'Europe/London', holidays: ['2026-12-28'] },
        customerCalendars: { 'contoso.com': { timeZone: 'Europe/Paris', holidaysIcsFile: icsFile } },
      });

      expect(load(file).customerCalendars).toEqual({
        'contoso.com': {
          timeZone: 'Europe/Paris',
          week: DEFAULT_SLA_POLICY.calendar.week,
          holidays: ['2026-11-01', '2026-11-02', '2026-12-25'],
        },
      });
    });

    it("given customer calendars naming only some fields, when loading, then the others come from the partner's calendar", () => {
      const file = writePolicy({
        calendar: { timeZone: 'Europe/Paris', week: { 1: [[480, 1080]] }, holidays: ['2026-12-25'] },
        customerCalendars: {
          'contoso.com': { timeZone: 'America/New_York' },
          '11111111-1111-1111-1111-111111111111': { week: { 1: [[0, 1440]], 7: [[0, 1440]] } },
        },
      });

      const policy = load(file);

      expect(policy.customerCalendars).toEqual({
        'contoso.com': { timeZone: 'America/New_York', week: { 1: [[480, 1080]] }, holidays: ['2026-12-25'] },
        '11111111-1111-1111-1111-111111111111': { timeZone: 'Europe/Paris', week: { 1: [[0, 1440]], 7: [[0, 1440]] }, holidays: ['2026-12-25'] },
      });
    });

    it('given an unknown time zone, when loading, then the error names the file, the JSON path and the zone', () => {
      const file = writePolicy({ calendar: { timeZone: 'Europe/Pariss' }, customerCalendars: { 'contoso.com': { timeZone: 'Mars/Olympus' } } });

      expect(problemsOf(file)).toEqual([
        `SLA_POLICY_FILE=${file}: calendar.timeZone: unknown IANA time zone "Europe/Pariss" (e.g. "Europe/Paris", "UTC")`,
        `SLA_POLICY_FILE=${file}: customerCalendars["contoso.com"].timeZone: unknown IANA time zone "Mars/Olympus" (e.g. "Europe/Paris", "UTC")`,
      ]);
    });

    it('given the former utcOffsetMinutes, when loading, then it is refused with a pointer to timeZone', () => {
      const file = writePolicy({ calendar: { utcOffsetMinutes: 60 } });

      expect(problemsOf(file)).toEqual([expect.stringMatching(/calendar\.utcOffsetMinutes: is no longer supported: give the IANA timeZone/)]);
    });

    it('given an unreadable or non-iCalendar holidaysIcsFile, when loading, then the error names the file, the JSON path and the .ics path', () => {
      const file = writePolicy({
        calendar: { holidaysIcsFile: 'missing.ics' },
        customerCalendars: { 'contoso.com': { holidaysIcsFile: 'page.html' } },
      });
      fs.writeFileSync(path.join(path.dirname(file), 'page.html'), '<html>not a calendar</html>');

      const problems = problemsOf(file);

      expect(problems).toHaveLength(2);
      expect(problems[0]).toContain(`SLA_POLICY_FILE=${file}: calendar.holidaysIcsFile: cannot read ${path.join(path.dirname(file), 'missing.ics')}`);
      expect(problems[1]).toContain(`customerCalendars["contoso.com"].holidaysIcsFile: ${path.join(path.dirname(file), 'page.html')} is not an iCalendar file`);
    });

    it('given a calendar without working time, when loading, then it is refused at start rather than when a ticket needs it', () => {
      const file = writePolicy({ customerCalendars: { 'contoso.com': { week: {} } } });

      expect(problemsOf(file)).toEqual([
        `SLA_POLICY_FILE=${file}: customerCalendars["contoso.com"]: The business calendar has no working time: every weekday is empty`,
      ]);
    });

    it('given two customer keys differing only in case, when loading, then they are refused as ambiguous', () => {
      const file = writePolicy({ customerCalendars: { 'contoso.com': { timeZone: 'UTC' }, 'Contoso.com': { timeZone: 'Europe/Paris' } } });

      expect(problemsOf(file)).toEqual([`SLA_POLICY_FILE=${file}: customerCalendars["Contoso.com"]: same customer as "contoso.com"`]);
    });
  });
});
