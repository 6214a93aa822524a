import * as http2 from 'node:http2';
import type { TLSSocket } from 'node:tls';

export interface GrpcTlsProxyOptions {
  /** The server's certificate and key, in PEM. */
  cert: string;
  key: string;
  /** mTLS: the CA a client's certificate must chain to; a client without one is refused at the handshake. */
  clientCa?: string;
  /** Calls without `authorization: Bearer <apiKey>` are answered UNAUTHENTICATED, as Temporal Cloud answers them. */
  apiKey?: string;
}

/** What one TLS connection to the proxy showed of its client. */
export interface TlsClient {
  /** The name it asked for (SNI); false when it sent none (an IP address). */
  serverName: string | false;
  /** The common name of the certificate it presented, if any. */
  certificate?: string;
}

const { NGHTTP2_FLAG_END_STREAM, NGHTTP2_INTERNAL_ERROR } = http2.constants;

/**
 * A TLS-terminating gRPC proxy on loopback in front of a plain-text Temporal server (the dev server has no TLS options):
 * it forwards each call as it is, and records what the clients showed of themselves (SNI, certificate) and every call's
 * path and `authorization` header.
 */
export class GrpcTlsProxy {
  readonly clients: TlsClient[] = [];
  /** Why each refused TLS connection failed, as the server saw it (e.g. the client's `unknown ca` alert). */
  readonly refusals: string[] = [];
  readonly calls: Array<{ path: string; authorization?: string; userAgent?: string }> = [];
  private readonly sessions = new Set<http2.ServerHttp2Session>();

  private constructor(
    private readonly server: http2.Http2SecureServer,
    private readonly upstream: http2.ClientHttp2Session,
    private readonly options: GrpcTlsProxyOptions,
  ) {
    server.on('secureConnection', (socket: TLSSocket) => {
      const subject = socket.getPeerCertificate().subject as Record<string, string> | undefined;
      this.clients.push({ serverName: socket.servername ?? false, certificate: subject?.CN });
    });
    server.on('tlsClientError', (err) => this.refusals.push(err.message));
    server.on('session', (session) => {
      this.sessions.add(session);
      session.on('close', () => this.sessions.delete(session));
    });
    server.on('stream', (stream, headers) => this.forward(stream, headers));
  }

  /** Listens on a free loopback port and forwards to `target` (`host:port`). */
  static async start(target: string, options: GrpcTlsProxyOptions): Promise<GrpcTlsProxy> {
    const server = http2.createSecureServer({
      cert: options.cert,
      key: options.key,
      ...(options.clientCa && { ca: options.clientCa, requestCert: true, rejectUnauthorized: true }),
    });
    const proxy = new GrpcTlsProxy(server, http2.connect(`http://${target}`), options);
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', resolve);
    });
    return proxy;
  }

  get port(): number {
    return (this.server.address() as { port: number }).port;
  }

  async close(): Promise<void> {
    this.sessions.forEach((session) => session.destroy());
    await new Promise((resolve) => this.server.close(resolve));
    this.upstream.close();
  }

  private forward(stream: http2.ServerHttp2Stream, headers: http2.IncomingHttpHeaders): void {
    const authorization = headers.authorization;
    this.calls.push({ path: String(headers[':path']), authorization, userAgent: headers['user-agent'] });
    if (this.options.apiKey && authorization !== `Bearer ${this.options.apiKey}`) {
      stream.respond({ ':status': 200, 'content-type': 'application/grpc', 'grpc-status': '16', 'grpc-message': 'invalid API key' }, { endStream: true });
      return;
    }
    const { ':scheme': _scheme, ':authority': _authority, ...forwarded } = headers;
    const call = this.upstream.request(forwarded);
    let trailers: http2.OutgoingHttpHeaders = {};
    call.on('response', (responseHeaders, flags) => {
      // A gRPC error comes as headers alone (trailers-only): they end the stream.
      if (flags & NGHTTP2_FLAG_END_STREAM) stream.respond(responseHeaders, { endStream: true });
      else stream.respond(responseHeaders, { waitForTrailers: true });
    });
    call.on('trailers', (received) => (trailers = received));
    stream.on('wantTrailers', () => stream.sendTrailers(trailers));
    call.on('error', () => stream.close(NGHTTP2_INTERNAL_ERROR));
    stream.on('close', () => call.close());
    stream.pipe(call);
    call.pipe(stream);
  }
}
