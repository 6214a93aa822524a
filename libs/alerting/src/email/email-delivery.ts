import { createHash } from 'node:crypto';
import { createTransport, type Transporter } from 'nodemailer';
import type { AlertDelivery } from '../alert-stores';
import type { EmailAlertPayload } from '../channels/email.channel';
import type { WebhookResult } from '../webhook-delivery';
import { ATTEMPT_HEADER } from '../webhook-signature';
import { smtpFailureReason } from './smtp-failure';

/** How e-mail alerts leave: the SMTP relay (SMTP_URL) and the sender (ALERT_EMAIL_FROM). */
export interface EmailOptions {
  transporter: Transporter;
  from: string;
}

/** Where an `email` subscription's deliveries go. */
export interface EmailDestination {
  email: string;
}

export const DELIVERY_ID_HEADER = 'X-Escalade-Delivery-Id';
/** Why an e-mail delivery cannot be sent, when SMTP_URL is not set. */
export const EMAIL_NOT_CONFIGURED = 'e-mail alerts are not configured (SMTP_URL is not set)';

/** The same time-outs as a webhook's: 5 s to connect, 10 s for any answer. */
export function smtpEmailOptions(smtpUrl: string, from: string): EmailOptions {
  return { transporter: createTransport({ url: smtpUrl, connectionTimeout: 5_000, greetingTimeout: 10_000, socketTimeout: 10_000 }), from };
}

/**
 * Sends the stored message once to the address. Never throws and never retries: accepted by the relay is delivered;
 * a refusal, a time-out or a network error failed, with the reason in our words (smtpFailureReason). Every attempt
 * carries the same Message-ID, derived from the delivery id, so a mail system that has seen it may drop a repeat.
 */
export async function deliverEmail(
  delivery: Pick<AlertDelivery, 'id' | 'payload' | 'attemptCount'>,
  { email }: EmailDestination,
  options: EmailOptions | undefined,
): Promise<WebhookResult> {
  if (!options) return { delivered: false, error: EMAIL_NOT_CONFIGURED };
  const { subject, text, html } = JSON.parse(delivery.payload) as EmailAlertPayload;
  try {
    await options.transporter.sendMail({
      from: options.from,
      to: email,
      subject,
      text,
      html,
      messageId: messageIdOf(delivery.id, options.from),
      headers: { [DELIVERY_ID_HEADER]: delivery.id, [ATTEMPT_HEADER]: String(delivery.attemptCount + 1) },
    });
    return { delivered: true };
  } catch (err) {
    return { delivered: false, error: smtpFailureReason(err) };
  }
}

/** `<hash of the delivery id@the sender's domain>`: a delivery id holds characters a Message-ID may not (`:`). */
export function messageIdOf(deliveryId: string, from: string): string {
  const domain = /@([^\s@<>]+)>?\s*$/.exec(from)?.[1] ?? 'escalade.invalid';
  return `<${createHash('sha256').update(deliveryId).digest('hex').slice(0, 40)}@${domain}>`;
}
