import type { DataSource } from 'typeorm';
import type { CatalogueTopic } from '@escalade/partner-center';
import { testDatabases } from '../testing/test-databases';
import { SupportTopicStore } from './support-topic.store';

const topic = (id: string, more: Partial<CatalogueTopic> = {}): CatalogueTopic => ({ id, name: `Topic ${id}`, description: `About ${id}`, ...more });

describe.each(testDatabases())('SupportTopicStore on $name', (database) => {
  let dataSource: DataSource;
  let store: SupportTopicStore;

  beforeAll(async () => {
    dataSource = await database.open();
    store = new SupportTopicStore(dataSource);
  });
  afterAll(() => database.close(dataSource));
  afterEach(() => dataSource.query('DELETE FROM support_topics'));

  it('has nothing, and no time or locale, before the first list', async () => {
    expect(await store.list()).toEqual({ items: [], locale: null, fetchedAt: null });
  });

  it("keeps Partner Center's order and the mapping's product and category", async () => {
    const topics = [topic('9'), topic('2', { product: 'azure' }), topic('5', { product: 'azure', category: 'billing' })];
    await store.replace({ topics, locale: 'fr-FR', fetchedAt: '2026-11-27T10:00:00.000Z' });

    expect(await store.list()).toEqual({ items: topics, locale: 'fr-FR', fetchedAt: '2026-11-27T10:00:00.000Z' });
    expect((await store.list({ product: 'azure' })).items.map((t) => t.id)).toEqual(['2', '5']);
    expect((await store.list({ product: 'azure', category: 'billing' })).items.map((t) => t.id)).toEqual(['5']);
    expect(await store.list({ product: 'ems' })).toEqual({ items: [], locale: 'fr-FR', fetchedAt: '2026-11-27T10:00:00.000Z' });
  });

  it('puts a new list in place of the last one, topics gone included', async () => {
    await store.replace({ topics: [topic('1', { product: 'azure' }), topic('2')], locale: 'en-US', fetchedAt: '2026-11-27T10:00:00.000Z' });
    const renamed = [topic('3'), topic('1', { name: 'Renamed', description: 'x'.repeat(5_000) })];
    await store.replace({ topics: renamed, locale: 'en-US', fetchedAt: '2026-11-27T11:00:00.000Z' });

    expect(await store.list()).toEqual({ items: renamed, locale: 'en-US', fetchedAt: '2026-11-27T11:00:00.000Z' });
  });

  it('takes a long list, in chunks', async () => {
    const topics = Array.from({ length: 450 }, (_, i) => topic(String(1000 + i)));
    await store.replace({ topics, locale: 'en-US', fetchedAt: '2026-11-27T12:00:00.000Z' });
    expect((await store.list()).items).toEqual(topics);
  });
});
