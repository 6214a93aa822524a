import type { SupportTopic } from '../wire';
import { catalogueTopics, DEFAULT_SUPPORT_TOPIC_NAMES, mappedNames, withDefaultNames } from './support-topic-names';

const topic = (id: string, name: string): SupportTopic => ({ id, name, description: `${name}.`, attributes: { objectType: 'SupportTopic' } });

describe('support topic names', () => {
  it("overrides the defaults' products one by one; the categories are the overrides' own", () => {
    const names = withDefaultNames({ products: { azure: 'Azure VMs' }, categories: { ems: { licensing: 'EMS licences' } } });
    expect(names.products).toEqual({ ...DEFAULT_SUPPORT_TOPIC_NAMES.products, azure: 'Azure VMs' });
    expect(mappedNames(names).slice(-2)).toEqual([
      { at: 'products.ems', name: 'Enterprise Mobility + Security - Technical issue', product: 'ems' },
      { at: 'categories.ems.licensing', name: 'EMS licences', product: 'ems', category: 'licensing' },
    ]);
  });

  it('lists the catalogue in its order, each topic with the product or category filed under it', () => {
    const names = withDefaultNames({
      products: { azure: 'azure vms' },
      categories: { azure: { technical: 'Azure VMs', billing: 'Azure billing' }, ems: { licensing: 'Azure billing' } },
    });
    expect(catalogueTopics([topic('1', 'Partner Center Issues'), topic('2', 'Azure VMs'), topic('3', 'Azure billing')], names)).toEqual([
      { id: '1', name: 'Partner Center Issues', description: 'Partner Center Issues.' },
      { id: '2', name: 'Azure VMs', description: 'Azure VMs.', product: 'azure' },
      { id: '3', name: 'Azure billing', description: 'Azure billing.', product: 'azure', category: 'billing' },
    ]);
  });
});
