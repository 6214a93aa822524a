/** A failed outbound request, with a short reason of our own words, safe to record and show: never the receiver's. */
export class OutboundFailure extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'OutboundFailure';
  }
}

const REASONS: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset',
  EPIPE: 'connection reset',
  ENOTFOUND: 'host not found',
  EAI_AGAIN: 'host not found',
  ETIMEDOUT: 'timeout: the connection timed out',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
};

/** The reason of any error a request ends with, classified by its code: Node's messages may quote what was received. */
export function failureReason(err: unknown): string {
  if (err instanceof OutboundFailure) return err.reason;
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  if (code === undefined) return 'network error';
  if (REASONS[code]) return REASONS[code];
  if (/^(EPROTO$|ERR_TLS_|ERR_SSL_|CERT_|UNABLE_TO_|DEPTH_ZERO_|SELF_SIGNED_)/.test(code)) return `TLS failure (${code})`;
  if (code.startsWith('HPE_')) return `invalid HTTP answer (${code})`;
  return `network error (${code})`;
}
