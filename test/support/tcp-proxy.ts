import * as net from 'node:net';

/**
 * A TCP proxy on loopback in front of a server (a database), which a test can cut as if that server had stopped:
 * `cut()` drops every connection and refuses new ones; `restore()` accepts again, on the same port.
 */
export class TcpProxy {
  private readonly connections = new Set<net.Socket>();
  private server?: net.Server;

  private constructor(
    private readonly target: { host: string; port: number },
    private listenPort: number,
  ) {}

  /** Listens on a free loopback port (`port`) and forwards each connection to `target`. */
  static async start(target: { host: string; port: number }): Promise<TcpProxy> {
    const proxy = new TcpProxy(target, 0);
    await proxy.listen();
    return proxy;
  }

  get port(): number {
    return this.listenPort;
  }

  get isCut(): boolean {
    return this.server === undefined;
  }

  async cut(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    this.connections.forEach((socket) => socket.destroy());
    this.connections.clear();
    // Closed, the port refuses connections (ECONNREFUSED), as a stopped server's does.
    if (server) await new Promise((resolve) => server.close(resolve));
  }

  async restore(): Promise<void> {
    if (!this.server) await this.listen();
  }

  close(): Promise<void> {
    return this.cut();
  }

  private async listen(): Promise<void> {
    const server = net.createServer((client) => this.forward(client));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.listenPort, '127.0.0.1', () => resolve());
    });
    this.listenPort = (server.address() as net.AddressInfo).port;
    this.server = server;
  }

  private forward(client: net.Socket): void {
    const upstream = net.connect(this.target.port, this.target.host);
    for (const [from, to] of [
      [client, upstream],
      [upstream, client],
    ]) {
      this.connections.add(from);
      from.on('error', () => to.destroy());
      from.on('close', () => {
        this.connections.delete(from);
        to.destroy();
      });
      from.pipe(to);
    }
  }
}
