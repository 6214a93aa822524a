import type { WebhookAlert } from '../webhook-alert';
import type { AlertChannel } from './alert-channel';
import { alertFacts, alertFootnote, alertTitle } from './alert-facts';

/** The `email` body: the message every attempt sends to the subscription's address, as plain text and as HTML. */
export interface EmailAlertPayload {
  subject: string;
  text: string;
  html: string;
}

const HTML_ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (character) => HTML_ENTITIES[character]);

function emailMessage(alert: WebhookAlert, deliveryId: string): EmailAlertPayload {
  const title = alertTitle(alert);
  const facts = alertFacts(alert);
  const footnote = alertFootnote(alert, deliveryId);
  const text = [title, '', alert.summary, '', ...facts.map(({ label, value }) => `${label}: ${value}`), '', footnote, ''].join('\n');
  const rows = facts.map(({ label, value }) => `<tr><th align="left">${escapeHtml(label)}</th><td>${escapeHtml(value)}</td></tr>`);
  const html = [
    '<!DOCTYPE html>',
    '<html><body>',
    `<h2>${escapeHtml(title)}</h2>`,
    `<p>${escapeHtml(alert.summary)}</p>`,
    `<table cellpadding="4">${rows.join('')}</table>`,
    `<p style="color:#666;font-size:small">${escapeHtml(footnote)}</p>`,
    '</body></html>',
    '',
  ].join('\n');
  // A line break in a header would start another one.
  return { subject: title.replace(/[\r\n]+/g, ' '), text, html };
}

/** `email`: a message with the same facts, plain text and HTML, sent over SMTP (SMTP_URL) to the subscription's address. */
export const emailChannel: AlertChannel<'email'> = {
  format: 'email',
  description: 'an e-mail with the same facts (plain text and HTML) to the subscription\'s `email` address, over SMTP',
  transport: 'email',
  credentialInPath: false,
  render: emailMessage,
};
