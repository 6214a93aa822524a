import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DEFAULT_SLA_POLICY } from '@escalade/domain';
import { ConfigError, loadAppConfig } from './app-config';
import { loadSlaPolicy } from './sla-policy.loader';

describe('loadAppConfig', () => {
  it('fills the embedded defaults when nothing is set', () => {
    const config = loadAppConfig({});
    expect(config).toMatchObject({
      PORT: 3000,
      TEMPORAL_ADDRESS: '127.0.0.1:7233',
      TEMPORAL_NAMESPACE: 'default',
      TEMPORAL_TASK_QUEUE: 'service-requests',
      SLA_TIME_SCALE: 1,
    });
    expect(config.DATABASE_URL).toBeUndefined();
    expect(config.databaseFile).toBe(path.resolve('data', 'escalade.sqlite'));
  });

  it('stops with a message naming every wrong variable and its value', () => {
    const load = () => loadAppConfig({ PORT: 'eighty', TEMPORAL_ADDRESS: 'localhost', SLA_TIME_SCALE: '-1', DATABASE_URL: 'mysql://x' });
    expect(load).toThrow(ConfigError);
    try {
      load();
    } catch (err) {
      const { problems, message } = err as ConfigError;
      expect(problems.map((p) => p.split('=')[0])).toEqual(['PORT', 'DATABASE_URL', 'TEMPORAL_ADDRESS', 'SLA_TIME_SCALE']);
      expect(message).toContain('TEMPORAL_ADDRESS="localhost": must be host:port');
    }
  });

  it('files with the simulator by default and needs a token for the real Partner Center', () => {
    expect(loadAppConfig({})).toMatchObject({ MICROSOFT_SUPPORT: 'simulator', PARTNER_CENTER_URL: 'http://127.0.0.1:3100' });
    expect(() => loadAppConfig({ MICROSOFT_SUPPORT: 'partner-center' })).toThrow(
      /PARTNER_CENTER_TOKEN=undefined: is required when MICROSOFT_SUPPORT=partner-center/,
    );
    expect(loadAppConfig({ MICROSOFT_SUPPORT: 'partner-center', PARTNER_CENTER_TOKEN: 't' }).PARTNER_CENTER_TOKEN).toBe('t');
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
    const file = writePolicy({ version: 'custom-1', breakFixMinutes: { A: 60 }, calendar: { utcOffsetMinutes: 60 } });
    const policy = loadSlaPolicy({ SLA_POLICY_FILE: file, SLA_TIME_SCALE: 1 });
    expect(policy.version).toBe('custom-1');
    expect(policy.breakFixMinutes).toEqual({ A: 60, B: 240, C: 480 });
    expect(policy.calendar).toEqual({ ...DEFAULT_SLA_POLICY.calendar, utcOffsetMinutes: 60 });
    expect(policy.ladder).toEqual(DEFAULT_SLA_POLICY.ladder);
  });

  it('names the file and each invalid entry', () => {
    const file = writePolicy({ breakFixMinutes: { A: -5 }, ladder: [], colour: 'red' });
    expect(() => loadSlaPolicy({ SLA_POLICY_FILE: file, SLA_TIME_SCALE: 1 })).toThrow(
      /breakFixMinutes\.A[\s\S]*ladder[\s\S]*colour/,
    );
    expect(() => loadSlaPolicy({ SLA_POLICY_FILE: writePolicy('{oops'), SLA_TIME_SCALE: 1 })).toThrow(/SLA_POLICY_FILE=.*JSON/);
  });
});
