import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { verifySignature } from '@escalade/alerting';

export interface Arrival {
  ticketId: string;
  responseDueAt: string;
  arrivedAt: number;
}

export interface StormReceiver {
  url: string;
  /** Breach alerts received, in arrival order (duplicates included). */
  arrivals: Arrival[];
  /** Requests whose signature did not verify (with `secret` set). */
  unsigned: number;
  close(): Promise<void>;
}

/** A local HTTP receiver that timestamps each breach alert on arrival; with `secret`, it checks Escalade's signature. */
export async function startStormReceiver(secret?: string): Promise<StormReceiver> {
  const receiver: StormReceiver = { url: '', arrivals: [], unsigned: 0, close: async () => undefined };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const arrivedAt = Date.now();
      const body = Buffer.concat(chunks).toString('utf8');
      const signed = !secret || verifySignature(secret, String(req.headers['x-escalade-timestamp']), body, String(req.headers['x-escalade-signature']));
      if (!signed) receiver.unsigned += 1;
      const { kind, ticketId, responseDueAt } = JSON.parse(body) as { kind: string; ticketId: string; responseDueAt: string };
      if (signed && kind === 'breach') receiver.arrivals.push({ ticketId, responseDueAt, arrivedAt });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  receiver.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/breach`;
  receiver.close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return receiver;
}
