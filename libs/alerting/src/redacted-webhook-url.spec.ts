import { redactedWebhookUrl } from './redacted-webhook-url';

describe('redactedWebhookUrl', () => {
  it.each([
    ['a Slack incoming webhook', 'https://hooks.slack.com/services/T0123ABCD/B0456EFGH/abcdefghijklmnopqrstuvwx', 'json', 'https://hooks.slack.com/services/T012…/…'],
    ['any URL of a slack subscription', 'https://chat.example.com/hooks/k3y0fs1xt33nch4rs', 'slack', 'https://chat.example.com/hooks/k3y0…'],
    [
      'a Teams connector',
      'https://contoso.webhook.office.com/webhookb2/6f1c2a3b-4d5e@9d8c7b6a-5f4e/IncomingWebhook/0123456789abcdef/2e5f8d7b',
      'json',
      'https://contoso.webhook.office.com/webhookb2/6f1c…/…',
    ],
    [
      'any URL of a teams subscription',
      'https://prod-12.westeurope.logic.azure.com/workflows/0a1b2c3d/triggers/manual/paths/invoke?sig=S3cr3t',
      'teams',
      'https://prod-12.westeurope.logic.azure.com/workflows/0a1b…/…?sig=…',
    ],
    ['a short path segment', 'https://hooks.slack.com/services/T01', 'slack', 'https://hooks.slack.com/services/T0…'],
    ['a bare host', 'https://hooks.slack.com', 'slack', 'https://hooks.slack.com/'],
  ] as const)('keeps only the scheme, the host and a hint of the path of %s', (_case, url, format, shown) => {
    expect(redactedWebhookUrl(url, format)).toBe(shown);
  });

  it('hides the values of the query, where a Teams workflow or a plain webhook carries its token, keeping their names', () => {
    const workflow = 'https://prod-12.westeurope.logic.azure.com:443/workflows/0a1b/triggers/manual/paths/invoke?api-version=2016-06-01&sp=%2Ftriggers&sig=S3cr3tS1gn4ture';
    expect(redactedWebhookUrl(workflow, 'json')).toBe(
      'https://prod-12.westeurope.logic.azure.com/workflows/0a1b/triggers/manual/paths/invoke?api-version=…&sp=…&sig=…',
    );
    expect(redactedWebhookUrl('http://127.0.0.1:8080/hook?token=t&token=u#part', 'json')).toBe('http://127.0.0.1:8080/hook?token=…');
  });

  it('hides user info, and keeps a plain webhook without credentials as it is', () => {
    expect(redactedWebhookUrl('https://bot:pa55word@hooks.example.com/escalade', 'json')).toBe('https://…@hooks.example.com/escalade');
    expect(redactedWebhookUrl('https://hooks.example.com:8443/escalade/alerts', 'json')).toBe('https://hooks.example.com:8443/escalade/alerts');
  });

  it('shows nothing of what is not a URL', () => {
    expect(redactedWebhookUrl('hooks.slack.com/services/T0/B0/secret', 'slack')).toBe('…');
  });
});
