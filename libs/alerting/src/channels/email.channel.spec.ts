import { anEscalationAlert, aWebhookAlert } from '../testing/webhook-alert.fixture';
import { emailChannel, type EmailAlertPayload } from './email.channel';

const DELIVERY_ID = 'T-1:escalation:2:5f0c7c1e-8f5e-4a51-9a39-0c4d2b1b6a11';
const escalation = anEscalationAlert(2, 'duty-manager', { customer: { name: 'Contoso <script>alert("R&D")</script>', domain: 'contoso.com' } });

describe('the email channel', () => {
  it('is a subject, a plain-text body and an HTML body, nothing else', () => {
    expect(Object.keys(emailChannel.render(escalation, DELIVERY_ID))).toEqual(['subject', 'text', 'html']);
    expect(emailChannel.transport).toBe('email');
  });

  it('titles the message by kind and ticket', () => {
    expect((emailChannel.render(escalation, DELIVERY_ID) as EmailAlertPayload).subject).toBe('Escalation: ticket T-1');
  });

  it('writes the same facts as the other channels in plain text, and the delivery id', () => {
    expect((emailChannel.render(escalation, DELIVERY_ID) as EmailAlertPayload).text).toBe(
      [
        'Escalation: ticket T-1',
        '',
        'Escalated to the duty-manager: no response after 3 h',
        '',
        'Severity: A',
        'Product: Azure',
        'Customer: Contoso <script>alert("R&D")</script> (contoso.com)',
        'Microsoft ticket: 2611240000000001',
        'Response due: 2026-11-24T11:00:00.000Z',
        'Escalation: level 2 → duty-manager',
        '',
        `2026-11-24T11:00:00.000Z · delivery ${DELIVERY_ID}`,
        '',
      ].join('\n'),
    );
  });

  it('writes them in HTML with every value escaped', () => {
    const { html } = emailChannel.render(escalation, DELIVERY_ID) as EmailAlertPayload;
    expect(html).toContain('<h2>Escalation: ticket T-1</h2>');
    expect(html).toContain('<tr><th align="left">Customer</th><td>Contoso &lt;script&gt;alert(&quot;R&amp;D&quot;)&lt;/script&gt; (contoso.com)</td></tr>');
    expect(html).toContain('<tr><th align="left">Escalation</th><td>level 2 → duty-manager</td></tr>');
    expect(html).toContain(`delivery ${DELIVERY_ID}`);
    expect(html).not.toContain('<script>');
  });

  it('keeps the subject on one line, whatever the ticket id holds', () => {
    const { subject } = emailChannel.render(aWebhookAlert({ ticketId: 'T-1\r\nBcc: someone@example.com' }), DELIVERY_ID) as EmailAlertPayload;
    expect(subject).toBe('Response target breached: ticket T-1 Bcc: someone@example.com');
  });
});
