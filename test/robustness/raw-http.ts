import * as http from 'node:http';

export interface RawRequest {
  method: string;
  /** Sent as it is: already percent-encoded, malformed escapes included. */
  path: string;
  headers?: Record<string, string>;
  body?: Buffer;
  /** Sent with Transfer-Encoding: chunked instead of a Content-Length. */
  chunked?: boolean;
  /** The client's own address (another loopback one, 127.0.0.x), for what the API counts per address. */
  from?: string;
}

export interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
}

/** The request sent as the holder of `credential` (`Authorization: Bearer`), unless it carries its own Authorization. */
export function authorized(credential: string, req: RawRequest): RawRequest {
  const own = Object.keys(req.headers ?? {}).some((name) => name.toLowerCase() === 'authorization');
  return own ? req : { ...req, headers: { authorization: `Bearer ${credential}`, ...req.headers } };
}

/**
 * One request on its own connection, exactly as given (supertest would normalise paths, headers and bodies).
 * A Server-Sent Events answer is read up to its headers, then closed.
 */
export function send(base: URL, { method, path, headers = {}, body, chunked = false, from }: RawRequest, timeoutMs = 15_000): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const lengthHeader = body && !chunked ? { 'content-length': String(body.length) } : {};
    const req = http.request({
      host: base.hostname,
      port: base.port,
      method,
      path,
      headers: { ...lengthHeader, ...headers },
      agent: false,
      timeout: timeoutMs,
      localAddress: from,
    });
    req.on('timeout', () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    req.on('error', reject);
    req.on('response', (res) => {
      if (String(res.headers['content-type']).startsWith('text/event-stream')) {
        resolve({ status: res.statusCode ?? 0, headers: res.headers, text: '' });
        req.destroy();
        return;
      }
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    if (body && chunked) {
      const half = Math.floor(body.length / 2);
      req.write(body.subarray(0, half));
      req.end(body.subarray(half));
    } else {
      req.end(body);
    }
  });
}
