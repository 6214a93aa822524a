import { startSmtpReceiver, type SmtpReceiver } from '../testing/smtp-receiver';
import { deliverEmail, messageIdOf, smtpEmailOptions } from './email-delivery';

const FROM = 'Escalade <alerts@partner.example>';
const TO = 'duty.manager@contoso.com';
const message = { subject: 'Escalation: ticket T-1', text: 'Escalated.\n', html: '<p>Escalated.</p>\n' };
const delivery = { id: 'T-1:escalation:2:s-1', payload: JSON.stringify(message), attemptCount: 2 };

describe('deliverEmail', () => {
  let receiver: SmtpReceiver;
  afterEach(() => receiver?.close());

  it('sends the stored message over SMTP, text and HTML, to the address, with a Message-ID of the delivery', async () => {
    receiver = await startSmtpReceiver();
    expect(await deliverEmail(delivery, { email: TO }, smtpEmailOptions(receiver.url, FROM))).toEqual({ delivered: true });
    const [mail] = receiver.received;
    expect(mail).toMatchObject({ recipients: [TO], subject: message.subject, text: message.text, html: message.html });
    expect(mail.messageId).toBe(messageIdOf(delivery.id, FROM));
    expect(mail.headers.get('x-escalade-delivery-id')).toBe(delivery.id);
    expect(mail.headers.get('x-escalade-delivery-attempt')).toBe('3');
  });

  it('gives every attempt of a delivery the same Message-ID, on the sender\'s domain', () => {
    expect(messageIdOf(delivery.id, FROM)).toBe(messageIdOf(delivery.id, 'alerts@partner.example'));
    expect(messageIdOf(delivery.id, FROM)).toMatch(/^<[0-9a-f]{40}@partner\.example>$/);
    expect(messageIdOf('T-1:escalation:3:s-1', FROM)).not.toBe(messageIdOf(delivery.id, FROM));
  });

  it("fails with the server's reply code only, never its text", async () => {
    receiver = await startSmtpReceiver([550]);
    expect(await deliverEmail(delivery, { email: TO }, smtpEmailOptions(receiver.url, FROM))).toEqual({ delivered: false, error: 'SMTP 550' });
    expect(receiver.received).toEqual([]);
  });

  it('reports a refused connection', async () => {
    receiver = await startSmtpReceiver();
    await receiver.close();
    expect(await deliverEmail(delivery, { email: TO }, smtpEmailOptions(receiver.url, FROM))).toEqual({ delivered: false, error: 'connection refused' });
  });

  it('fails, without throwing, when SMTP_URL is not set', async () => {
    expect(await deliverEmail(delivery, { email: TO }, undefined)).toEqual({
      delivered: false,
      error: 'e-mail alerts are not configured (SMTP_URL is not set)',
    });
  });
});
