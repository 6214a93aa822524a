import { adaptiveCardProblems } from '../testing/adaptive-card-problems';
import { anEscalationAlert, aWebhookAlert } from '../testing/webhook-alert.fixture';
import { teamsChannel, type TeamsAlertPayload } from './teams.channel';

const DELIVERY_ID = 'T-1:escalation:1:5f0c7c1e-8f5e-4a51-9a39-0c4d2b1b6a11';
const escalation = anEscalationAlert(1, 'coordinators', { customer: { name: 'Contoso <R&D>', domain: 'contoso.com' } });

describe('the teams channel', () => {
  it('is a Teams message carrying one Adaptive Card', () => {
    const message = teamsChannel.render(escalation, DELIVERY_ID) as TeamsAlertPayload;
    expect(message).toEqual({
      type: 'message',
      attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', contentUrl: null, content: expect.any(Object) }],
    });
    expect(message.attachments[0].content).toMatchObject({
      $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
      type: 'AdaptiveCard',
      version: '1.4',
    });
  });

  it('shows the same facts as the other channels, the title by kind and the delivery id', () => {
    const [title, summary, facts, footnote] = (teamsChannel.render(escalation, DELIVERY_ID) as TeamsAlertPayload).attachments[0].content.body;
    expect(title).toMatchObject({ type: 'TextBlock', text: 'Escalation: ticket T-1', weight: 'Bolder' });
    expect(summary).toMatchObject({ type: 'TextBlock', text: escalation.summary });
    expect(facts).toEqual({
      type: 'FactSet',
      facts: [
        { title: 'Severity', value: 'A' },
        { title: 'Product', value: 'Azure' },
        { title: 'Customer', value: 'Contoso <R&D> (contoso.com)' },
        { title: 'Microsoft ticket', value: '2611240000000001' },
        { title: 'Response due', value: '2026-11-24T11:00:00.000Z' },
        { title: 'Escalation', value: 'level 1 → coordinators' },
      ],
    });
    expect(footnote).toMatchObject({ type: 'TextBlock', text: `2026-11-24T11:00:00.000Z · delivery ${DELIVERY_ID}`, isSubtle: true });
  });

  it.each([
    ['an escalation', escalation],
    ['a closure without a Microsoft ticket or due time', aWebhookAlert({ kind: 'closure', microsoftTicketId: undefined, responseDueAt: undefined })],
  ])("renders %s as a card Microsoft's Adaptive Cards SDK finds nothing wrong with", (_name, alert) => {
    const { content } = (teamsChannel.render(alert, DELIVERY_ID) as TeamsAlertPayload).attachments[0];
    expect(adaptiveCardProblems(content)).toEqual([]);
  });

  it('is checked by a validator that does find what is wrong', () => {
    const { content } = (teamsChannel.render(escalation, DELIVERY_ID) as TeamsAlertPayload).attachments[0];
    const broken = { ...content, body: [...content.body, { type: 'TextBlock', text: 'x', style: 'heading' }, { type: 'Chart' }], speek: 'typo' };
    expect(adaptiveCardProblems(broken)).toEqual([
      'Property "style" is supported in version 1.5, but you are using version 1.4.',
      'Unknown element type "Chart". Fallback will be used if present.',
      'card.body.4.style is not a property of Adaptive Cards',
      'card.body.5 is not a property of Adaptive Cards',
      'card.speek is not a property of Adaptive Cards',
    ]);
  });
});
