import * as http from 'node:http';
import * as https from 'node:https';
import { checkedLookup } from './checked-lookup';
import type { DestinationPolicy } from './destination-policy';
import { parseIpLiteral } from './internal-address';
import { failureReason, OutboundFailure } from './outbound-failure';
import { systemResolver, type ResolvedAddress, type ResolveHost } from './resolver';

export interface OutboundClientOptions {
  /** Resolves host names; the system's resolver unless a test answers. */
  lookup?: ResolveHost;
  /** Until the connection (TLS included) is up. */
  connectTimeoutMs?: number;
  /** The whole exchange, from resolving to the answer's last byte read. */
  timeoutMs?: number;
  /** The answer's body is read up to this; the rest is never received. */
  maxResponseBytes?: number;
}

export interface OutboundAnswer {
  status: number;
  /** At most maxResponseBytes of it. */
  body: Buffer;
  /** Whether the body was cut short (the cap, or the time-out once the status had come). */
  truncated: boolean;
}

export interface OutboundRequest {
  headers: Record<string, string>;
  body: string;
}

/**
 * The one way out to a receiver a user named: the destination is judged by the policy before connecting and every
 * address again as the socket resolves it; no redirect is followed (a 3xx is an answer like any other); time-outs and a
 * response-size cap bound what a receiver can hold or send. Failures are OutboundFailure with a classified reason.
 */
export class OutboundClient {
  private readonly lookup: ResolveHost;
  private readonly connectTimeoutMs: number;
  private readonly timeoutMs: number;
  private readonly maxResponseBytes: number;

  constructor(
    readonly policy: DestinationPolicy,
    { lookup = systemResolver, connectTimeoutMs = 5_000, timeoutMs = 10_000, maxResponseBytes = 64 * 1024 }: OutboundClientOptions = {},
  ) {
    this.lookup = lookup;
    this.connectTimeoutMs = connectTimeoutMs;
    this.timeoutMs = timeoutMs;
    this.maxResponseBytes = maxResponseBytes;
  }

  /**
   * Why `url` may not be a destination, or undefined. For a subscription: a name that does not resolve now is not
   * refused (its DNS may come later), since every request judges the addresses it connects to anyway.
   */
  async refusalOf(rawUrl: string): Promise<string | undefined> {
    const url = URL.canParse(rawUrl) ? new URL(rawUrl) : undefined;
    if (!url) return 'not a URL';
    const refusal = this.policy.refusalOfUrl(url);
    if (refusal || parseIpLiteral(url.hostname)) return refusal;
    const addresses = await withTimeout(this.lookup(url.hostname), this.connectTimeoutMs).catch((): ResolvedAddress[] => []);
    return this.policy.refusalOfAnswers(url, addresses.map(({ address }) => address));
  }

  /** POSTs `body` once. Resolves with any status; rejects with an OutboundFailure. */
  async post(rawUrl: string, { headers, body }: OutboundRequest): Promise<OutboundAnswer> {
    const url = URL.canParse(rawUrl) ? new URL(rawUrl) : undefined;
    const refusal = url ? this.policy.refusalOfUrl(url) : 'not a URL';
    if (refusal || !url) throw new OutboundFailure(`refused: ${refusal}`);
    try {
      return await this.send(url, headers, body);
    } catch (err) {
      throw new OutboundFailure(failureReason(err));
    }
  }

  private send(url: URL, headers: Record<string, string>, body: string): Promise<OutboundAnswer> {
    const request = url.protocol === 'https:' ? https.request : http.request;
    return new Promise((resolve, reject) => {
      const req = request(url, {
        method: 'POST',
        headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
        agent: false, // a socket of its own, judged when it connects: none is reused
        lookup: checkedLookup(this.lookup, (answers) => this.policy.refusalOfAnswers(url, answers)),
      });
      let answer: http.IncomingMessage | undefined;
      const deadline = setTimeout(() => {
        // Once the status has come, it is the answer: only the rest of the body is given up.
        if (answer) answer.destroy();
        else req.destroy(new OutboundFailure(`timeout: no answer within ${this.timeoutMs} ms`));
      }, this.timeoutMs);
      req.on('socket', (socket) => {
        const connecting = setTimeout(
          () => req.destroy(new OutboundFailure(`timeout: no connection within ${this.connectTimeoutMs} ms`)),
          this.connectTimeoutMs,
        );
        socket.once(url.protocol === 'https:' ? 'secureConnect' : 'connect', () => clearTimeout(connecting));
        socket.once('close', () => clearTimeout(connecting));
      });
      req.on('response', (response) => {
        answer = response;
        const chunks: Buffer[] = [];
        let received = 0;
        response.on('data', (chunk: Buffer) => {
          chunks.push(chunk.subarray(0, Math.max(0, this.maxResponseBytes - received)));
          received += chunk.length;
          if (received > this.maxResponseBytes) response.destroy();
        });
        response.on('error', () => undefined); // cut short: what came is the answer
        response.on('close', () => {
          clearTimeout(deadline);
          resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks), truncated: !response.complete });
        });
      });
      req.on('error', (err) => {
        if (answer) return; // the answer's 'close' settles
        clearTimeout(deadline);
        reject(err);
      });
      req.end(body);
    });
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms)));
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
