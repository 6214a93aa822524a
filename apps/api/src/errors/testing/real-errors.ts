// Real errors of real drivers, for the tests of their classification.
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import Database from 'better-sqlite3';
import { Client, Connection } from '@temporalio/client';
import { DataSource } from 'typeorm';

/** What `work` rejects with; fails when it does not. */
export async function rejectionOf(work: Promise<unknown>): Promise<Error> {
  try {
    await work;
  } catch (err) {
    return err as Error;
  }
  throw new Error('expected a rejection');
}

/** A loopback port nothing listens on: connecting is refused at once. */
export async function closedPort(): Promise<number> {
  const server = net.createServer().listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** A loopback server that accepts connections and then does `onConnection` with each. */
export async function rogueServer(onConnection: (socket: net.Socket) => void): Promise<{ port: number; close: () => Promise<void> }> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => undefined);
    onConnection(socket);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  const close = async () => {
    sockets.forEach((socket) => socket.destroy());
    await new Promise((resolve) => server.close(resolve));
  };
  return { port, close };
}

/** TypeORM on PostgreSQL at a loopback port, with the pool limits `extra` gives. */
export function postgresAt(port: number, extra: Record<string, unknown> = {}): DataSource {
  return new DataSource({ type: 'postgres', url: `postgres://postgres@127.0.0.1:${port}/test`, extra });
}

/** A query that waits while a second connection holds SQLite's write lock: SQLITE_BUSY through TypeORM. */
export async function sqliteBusyError(): Promise<Error> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'escalade-busy-'));
  const file = path.join(dir, 'busy.sqlite');
  const holder = new Database(file);
  holder.exec('CREATE TABLE t (x INTEGER)');
  const dataSource = await new DataSource({ type: 'better-sqlite3', database: file, timeout: 10 }).initialize();
  holder.exec('BEGIN EXCLUSIVE');
  try {
    return await rejectionOf(dataSource.query('INSERT INTO t (x) VALUES (1)'));
  } finally {
    holder.exec('ROLLBACK');
    holder.close();
    await dataSource.destroy();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** A Temporal client for an address where no server listens. */
export function temporalClientAt(port: number): Client {
  return new Client({ connection: Connection.lazy({ address: `127.0.0.1:${port}`, connectTimeout: '1 second' }) });
}
