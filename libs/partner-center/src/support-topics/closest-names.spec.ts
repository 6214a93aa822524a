import { closestNames, normalisedName } from './closest-names';

describe('closestNames', () => {
  const names = ['Partner Center Issues', 'Azure - Technical issue', 'Office 365 - Technical issue', 'Azure - Subscription management', 'Marketplace - Purchase and billing'];

  it('puts the names sharing most words first, then the fewest edits', () => {
    expect(closestNames('Azure - Technical isue', names)).toEqual(['Azure - Technical issue', 'Office 365 - Technical issue', 'Azure - Subscription management']);
    expect(closestNames('Billing', names, 1)).toEqual(['Marketplace - Purchase and billing']);
  });

  it('falls back on edits alone, and keeps the catalogue order between equals', () => {
    expect(closestNames('Intune', ['b', 'a', 'Intune!'])).toEqual(['Intune!', 'b', 'a']);
    expect(closestNames('x', [])).toEqual([]);
  });

  it('compares names without case or extra spaces', () => {
    expect(normalisedName('  Azure -   TECHNICAL issue ')).toBe('azure - technical issue');
  });
});
