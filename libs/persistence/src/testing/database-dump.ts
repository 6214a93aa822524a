// A database's whole content as text, the way an operator (or a thief) would dump it: for tests that look for
// something that must not be there in clear.
import { execFileSync } from 'node:child_process';
import type { DataSource } from 'typeorm';

export interface DatabaseDump {
  /** `sqlite3 .dump`, `pg_dump`, or every table's rows read through the data source. */
  by: string;
  text: string;
}

/** Every table's rows read through the data source, and the database's own dump tool's output when it is installed. */
export async function databaseDumps(dataSource: DataSource): Promise<DatabaseDump[]> {
  const dumps = [{ by: 'every row of every table', text: await everyRow(dataSource) }];
  const tool = await toolDump(dataSource);
  return tool ? [...dumps, tool] : dumps;
}

async function everyRow(dataSource: DataSource): Promise<string> {
  const tables: Array<{ name: string }> =
    dataSource.options.type === 'postgres'
      ? await dataSource.query(`SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema()`)
      : await dataSource.query(`SELECT name FROM sqlite_master WHERE type = 'table'`);
  const dumped: string[] = [];
  for (const { name } of tables) dumped.push(`${name}: ${JSON.stringify(await dataSource.query(`SELECT * FROM "${name}"`))}`);
  return dumped.join('\n');
}

async function toolDump(dataSource: DataSource): Promise<DatabaseDump | undefined> {
  if (dataSource.options.type === 'postgres') {
    const url = dataSource.options.url;
    const [{ schema }] = await dataSource.query('SELECT current_schema() AS schema');
    return installed('pg_dump') && url ? { by: 'pg_dump', text: execFileSync('pg_dump', ['--schema', schema, url], { encoding: 'utf8' }) } : undefined;
  }
  const file = String(dataSource.options.database);
  return installed('sqlite3') ? { by: 'sqlite3 .dump', text: execFileSync('sqlite3', [file, '.dump'], { encoding: 'utf8' }) } : undefined;
}

function installed(command: string): boolean {
  try {
    execFileSync(command, ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}
