import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * Receives every alert delivery and accepts it (204), so that deliveries exist to be counted; counts a delivery that
 * arrives again (same Idempotency-Key), which at-least-once sending allows after a crash and a receiver drops.
 */
export class WebhookSink {
  private readonly seen = new Set<string>();
  received = 0;
  repeated = 0;

  private constructor(private readonly server: Server) {}

  static async start(): Promise<WebhookSink> {
    const sink: WebhookSink = new WebhookSink(
      createServer((req, res) => {
        req.resume();
        req.on('end', () => {
          sink.count(String(req.headers['idempotency-key']));
          res.writeHead(204).end();
        });
      }),
    );
    await new Promise<void>((resolve) => sink.server.listen(0, '127.0.0.1', resolve));
    return sink;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/alerts`;
  }

  close(): void {
    this.server.close();
  }

  private count(deliveryId: string): void {
    this.received += 1;
    if (this.seen.has(deliveryId)) this.repeated += 1;
    this.seen.add(deliveryId);
  }
}
