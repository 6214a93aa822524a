import { failureReason } from '../outbound/outbound-failure';

/** What nodemailer's SMTP transport fails with: its own code, the system error's code, and the server's reply code. */
interface SmtpError {
  code?: string;
  originalCode?: string;
  responseCode?: number;
}

const REASONS: Record<string, string> = {
  ETIMEDOUT: 'timeout: the SMTP server did not answer in time',
  EDNS: 'host not found',
  ETLS: 'TLS failure (STARTTLS)',
  EAUTH: 'SMTP authentication failed',
  ENOAUTH: 'SMTP authentication failed',
};

/**
 * Why sending failed, in our words, as a webhook's failures are (`SMTP 550`, `connection refused`, `timeout: …`):
 * never the server's reply text, which may quote the message or the address.
 */
export function smtpFailureReason(err: unknown): string {
  const { code, originalCode, responseCode } = (err ?? {}) as SmtpError;
  if (responseCode) return `SMTP ${responseCode}`;
  if (originalCode) return failureReason({ code: originalCode });
  if (code && REASONS[code]) return REASONS[code];
  return code ? `SMTP failure (${code})` : 'network error';
}
