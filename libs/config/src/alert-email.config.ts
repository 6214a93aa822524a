import { z } from 'zod';

const ADDRESS = '[^\\s@<>"]+@[^\\s@<>"]+';
/** `alerts@example.com` or `Escalade <alerts@example.com>`. */
const MAILBOX = new RegExp(`^(${ADDRESS}|[^<>]*<${ADDRESS}>)$`);

/** The sender of e-mail alerts outside production when ALERT_EMAIL_FROM is not set. */
export const LOCAL_ALERT_EMAIL_FROM = 'Escalade <escalade@localhost>';

/** How e-mail alerts (subscriptions of format `email`) are sent. */
export const alertEmailSchema = {
  /**
   * The SMTP server e-mail alerts go through: `smtp://host:587` (STARTTLS when it offers it), `smtps://host:465`
   * (TLS from the start), with `user:password@` when it asks for them. Unset: no e-mail alerts (an `email`
   * subscription is refused).
   */
  SMTP_URL: z.string().regex(/^smtps?:\/\/[^/?#\s]+\/?$/, 'must be an smtp:// or smtps:// URL such as smtp://mail.example.com:587').optional(),
  /** The From of e-mail alerts. Required in production when SMTP_URL is set; otherwise LOCAL_ALERT_EMAIL_FROM. */
  ALERT_EMAIL_FROM: z.string().regex(MAILBOX, 'must be an e-mail address, or a name and one: Escalade <alerts@example.com>').optional(),
};

interface AlertEmailSettings {
  NODE_ENV: string;
  SMTP_URL?: string;
  ALERT_EMAIL_FROM?: string;
}

/** A production relay rejects, or files as spam, mail from a made-up local sender: production names its own. */
export function checkAlertEmail(settings: AlertEmailSettings, ctx: z.RefinementCtx): void {
  if (settings.NODE_ENV !== 'production' || !settings.SMTP_URL || settings.ALERT_EMAIL_FROM) return;
  ctx.addIssue({
    code: z.ZodIssueCode.custom,
    path: ['ALERT_EMAIL_FROM'],
    message: 'is required with SMTP_URL in production: the address e-mail alerts are sent from',
  });
}
