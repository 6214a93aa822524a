import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A status to answer with (and an optional body), or 'hang': never answer. */
export type ReceiverAnswer = number | 'hang' | { status: number; body?: string; headers?: Record<string, string> };

export interface ReceivedRequest {
  headers: IncomingHttpHeaders;
  body: string;
}

export interface WebhookReceiver {
  url: string;
  received: ReceivedRequest[];
  close(): Promise<void>;
}

/** The kinds of the `json` alerts the receiver has got for the ticket so far, in order. */
export function kindsReceivedFor(receiver: WebhookReceiver, ticketId: string): string[] {
  return receiver.received
    .map((request) => JSON.parse(request.body) as { ticketId: string; kind: string })
    .filter((alert) => alert.ticketId === ticketId)
    .map((alert) => alert.kind);
}

/** A real HTTP server on `host` (127.0.0.1 unless told) answering each request with the next scripted answer; the last one repeats. */
export async function startWebhookReceiver(answers: ReceiverAnswer[], host = '127.0.0.1'): Promise<WebhookReceiver> {
  const received: ReceivedRequest[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      received.push({ headers: request.headers, body: Buffer.concat(chunks).toString('utf8') });
      const answer = answers[Math.min(received.length, answers.length) - 1];
      if (answer === 'hang') return;
      const { status, body = '', headers = {} } = typeof answer === 'number' ? { status: answer } : answer;
      response.writeHead(status, headers).end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}/hooks/escalade`,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections(); // the hanging requests
        server.close(() => resolve());
      }),
  };
}
