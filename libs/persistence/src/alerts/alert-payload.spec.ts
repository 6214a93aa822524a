import { alertPayload, type JsonAlertPayload, type SlackAlertPayload } from './alert-payload';
import { aWebhookAlert } from './testing/webhook-alert.fixture';

const DELIVERY_ID = 'T-1:escalation:2:5f0c7c1e-8f5e-4a51-9a39-0c4d2b1b6a11';
const escalation = aWebhookAlert({
  alertKey: 'T-1:escalation:2',
  kind: 'escalation',
  level: 2,
  audience: 'duty-manager',
  customer: { name: 'Contoso <R&D>', domain: 'contoso.com' },
  summary: 'Escalated to the duty manager: no response after 3 h',
});

describe('alertPayload', () => {
  it('carries the facts in JSON, the delivery id as id and no alert key', () => {
    const payload = alertPayload(escalation, 'json', DELIVERY_ID) as JsonAlertPayload;
    expect(payload).toEqual({
      id: DELIVERY_ID,
      kind: 'escalation',
      ticketId: 'T-1',
      severity: 'A',
      product: 'azure',
      customer: { name: 'Contoso <R&D>', domain: 'contoso.com' },
      microsoftTicketId: '2611240000000001',
      responseDueAt: '2026-11-24T11:00:00.000Z',
      level: 2,
      audience: 'duty-manager',
      occurredAt: '2026-11-24T11:00:00.000Z',
      summary: 'Escalated to the duty manager: no response after 3 h',
    });
    expect(Object.keys(JSON.parse(JSON.stringify(alertPayload(aWebhookAlert(), 'json', 'x'))))).not.toContain('level');
  });

  it('is a Slack message with a fallback text and blocks carrying the same facts, markup escaped', () => {
    const { text, blocks } = alertPayload(escalation, 'slack', DELIVERY_ID) as SlackAlertPayload;
    expect(text).toBe('Escalation: ticket T-1. Escalated to the duty manager: no response after 3 h');
    expect(blocks.map((block) => block.type)).toEqual(['header', 'section', 'section', 'context']);
    expect(blocks[0]).toEqual({ type: 'header', text: { type: 'plain_text', text: 'Escalation: ticket T-1' } });
    expect(blocks[1]).toEqual({ type: 'section', text: { type: 'mrkdwn', text: escalation.summary } });
    const fields = blocks[2].type === 'section' ? (blocks[2].fields ?? []).map((f) => f.text) : [];
    expect(fields).toEqual([
      '*Severity*\nA',
      '*Product*\nAzure',
      '*Customer*\nContoso &lt;R&amp;D&gt; (contoso.com)',
      '*Microsoft ticket*\n2611240000000001',
      '*Response due*\n2026-11-24T11:00:00.000Z',
      '*Escalation*\nlevel 2 → duty-manager',
    ]);
    expect(JSON.stringify(blocks[3])).toContain(DELIVERY_ID);
    expect(Object.keys(alertPayload(escalation, 'slack', DELIVERY_ID))).toEqual(['text', 'blocks']);
  });

  it('leaves out the Slack fields an alert does not have', () => {
    const { blocks } = alertPayload(
      aWebhookAlert({ kind: 'closure', microsoftTicketId: undefined, responseDueAt: undefined }),
      'slack',
      DELIVERY_ID,
    ) as SlackAlertPayload;
    const fields = blocks[2].type === 'section' ? (blocks[2].fields ?? []).map((f) => f.text.split('\n')[0]) : [];
    expect(fields).toEqual(['*Severity*', '*Product*', '*Customer*']);
  });
});
