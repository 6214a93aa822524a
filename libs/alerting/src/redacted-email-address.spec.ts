import { redactedEmailAddress } from './redacted-email-address';

describe('redactedEmailAddress', () => {
  it.each([
    ['duty.manager@contoso.com', 'd***@contoso.com'],
    ['d@contoso.com', 'd***@contoso.com'],
    ['"odd@name"@contoso.com', '"***@contoso.com'],
    ['not-an-address', '***'],
  ])('%s → %s', (address, shown) => expect(redactedEmailAddress(address)).toBe(shown));
});
