import { createServer } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/** What an internal service would answer: a request that gets it has read something it must not. */
export const CANARY_ANSWER = 'canary-internal-answer-7f3c';

export interface CanaryServer {
  port: number;
  /** Connections it accepted: any at all means an outbound request reached it. */
  readonly hits: number;
  close(): Promise<void>;
}

/** An internal service on `host` (127.0.0.1 unless told) that counts every connection made to it. */
export async function startCanary(host = '127.0.0.1'): Promise<CanaryServer> {
  const sockets = new Set<Socket>();
  let hits = 0;
  const server = createServer((_request, response) => response.writeHead(200, { 'content-type': 'text/plain' }).end(CANARY_ANSWER));
  server.on('connection', (socket: Socket) => {
    hits++;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  return {
    port: (server.address() as AddressInfo).port,
    get hits() {
      return hits;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
