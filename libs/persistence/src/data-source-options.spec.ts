import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DataSource } from 'typeorm';
import { newKey } from '@escalade/secrets';
import { dataSourceOptions } from './data-source-options';

describe('dataSourceOptions on SQLite', () => {
  it('given the SQLite file, when a data source opens it, then it is in WAL mode, synchronous=NORMAL, with a busy timeout', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'escalade-pragmas-'));
    const settings = { NODE_ENV: 'test', DATA_DIR: dir, SECRETS_ENCRYPTION_KEY: newKey(), databaseFile: path.join(dir, 'escalade.sqlite') };
    const source = await new DataSource(dataSourceOptions(settings)).initialize();
    try {
      expect(await source.query('PRAGMA journal_mode')).toEqual([{ journal_mode: 'wal' }]);
      expect(await source.query('PRAGMA synchronous')).toEqual([{ synchronous: 1 }]);
      expect(await source.query('PRAGMA busy_timeout')).toEqual([{ timeout: 3_000 }]);
    } finally {
      await source.destroy();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
