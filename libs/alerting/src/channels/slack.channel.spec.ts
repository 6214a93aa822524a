import { anEscalationAlert, aWebhookAlert } from '../testing/webhook-alert.fixture';
import { slackChannel, type SlackAlertPayload } from './slack.channel';

const DELIVERY_ID = 'T-1:escalation:2:5f0c7c1e-8f5e-4a51-9a39-0c4d2b1b6a11';
const escalation = anEscalationAlert(2, 'duty-manager', { customer: { name: 'Contoso <R&D>', domain: 'contoso.com' } });

describe('the slack channel', () => {
  it('is a Slack message with a fallback text and blocks carrying the same facts, markup escaped', () => {
    const { text, blocks } = slackChannel.render(escalation, DELIVERY_ID) as SlackAlertPayload;
    expect(text).toBe('Escalation: ticket T-1. Escalated to the duty-manager: no response after 3 h');
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
    expect(Object.keys(slackChannel.render(escalation, DELIVERY_ID))).toEqual(['text', 'blocks']);
  });

  it('leaves out the Slack fields an alert does not have', () => {
    const { blocks } = slackChannel.render(
      aWebhookAlert({ kind: 'closure', microsoftTicketId: undefined, responseDueAt: undefined }),
      DELIVERY_ID,
    ) as SlackAlertPayload;
    const fields = blocks[2].type === 'section' ? (blocks[2].fields ?? []).map((f) => f.text.split('\n')[0]) : [];
    expect(fields).toEqual(['*Severity*', '*Product*', '*Customer*']);
  });
});
