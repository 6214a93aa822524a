import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ConfigError, loadAppConfig } from './app-config';
import { loadSupportTopicNames } from './support-topic-names.loader';

describe('support-topic settings', () => {
  let dir: string;
  const file = (content: unknown) => {
    const name = path.join(dir, 'topics.json');
    fs.writeFileSync(name, typeof content === 'string' ? content : JSON.stringify(content));
    return name;
  };
  const problemsOf = (load: () => unknown): string[] => {
    try {
      load();
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      return (err as ConfigError).problems;
    }
    throw new Error('no ConfigError');
  };

  beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'escalade-support-topics-'))));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('keeps the list an hour by default; SUPPORT_TOPICS_TTL_MS is whole milliseconds from a second to a week', () => {
    expect(loadAppConfig({})).toMatchObject({ SUPPORT_TOPICS_TTL_MS: 3_600_000 });
    expect(loadAppConfig({ SUPPORT_TOPICS_TTL_MS: '60000' }).SUPPORT_TOPICS_TTL_MS).toBe(60_000);
    expect(problemsOf(() => loadAppConfig({ SUPPORT_TOPICS_TTL_MS: '10' }))).toEqual(['SUPPORT_TOPICS_TTL_MS: Number must be greater than or equal to 1000']);
  });

  it('has no names of its own without SUPPORT_TOPICS_FILE', () => {
    expect(loadSupportTopicNames({})).toEqual({});
  });

  it('reads names per product and per product and category, trimmed', () => {
    const names = { products: { azure: ' Azure - Technical issue ' }, categories: { office365: { billing: 'Office 365 - Billing' } } };
    expect(loadSupportTopicNames({ SUPPORT_TOPICS_FILE: file(names) })).toEqual({
      products: { azure: 'Azure - Technical issue' },
      categories: { office365: { billing: 'Office 365 - Billing' } },
    });
  });

  it('names the file and each place at fault', () => {
    const at = file({
      products: { marketplace: 'Marketplace - Purchase and billing', azure: ' ', ems: 7 },
      categories: { azure: { invoices: 'Azure - Billing' } },
      topics: {},
    });
    expect(problemsOf(() => loadSupportTopicNames({ SUPPORT_TOPICS_FILE: at }))).toEqual([
      `SUPPORT_TOPICS_FILE=${at}: products.marketplace: must be one of azure, office365, dynamics365, ems (marketplace requests go to their ISV)`,
      `SUPPORT_TOPICS_FILE=${at}: products.azure: must name a support topic`,
      `SUPPORT_TOPICS_FILE=${at}: products.ems: Expected string, received number`,
      `SUPPORT_TOPICS_FILE=${at}: categories.azure.invoices: must be one of technical, billing, billing-dispute, fraud, subscription-management, licensing`,
      `SUPPORT_TOPICS_FILE=${at}: (root): Unrecognized key(s) in object: 'topics'`,
    ]);
  });

  it('says why a file cannot be read', () => {
    expect(problemsOf(() => loadSupportTopicNames({ SUPPORT_TOPICS_FILE: file('{ "products": ') }))[0]).toMatch(/^SUPPORT_TOPICS_FILE=.*topics\.json: .*JSON/);
    expect(problemsOf(() => loadSupportTopicNames({ SUPPORT_TOPICS_FILE: path.join(dir, 'missing.json') }))[0]).toMatch(/ENOENT/);
    expect(problemsOf(() => loadSupportTopicNames({ SUPPORT_TOPICS_FILE: file([]) }))).toEqual([
      expect.stringMatching(/\(root\): Expected object, received array$/),
    ]);
  });
});
