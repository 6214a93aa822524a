import { partnerQuery, ticketRefOfKey } from './ticket-ref';

describe('ticket references', () => {
  it("reads a ticket's id and partner tenant from its key, and takes a key from before partner isolation as the id", () => {
    expect(ticketRefOfKey('22222222-2222-2222-2222-222222222222~INC:1~x')).toEqual({
      id: 'INC:1~x',
      partnerTenantId: '22222222-2222-2222-2222-222222222222',
    });
    expect(ticketRefOfKey('INC-1')).toEqual({ id: 'INC-1' });
  });

  it('names the partner tenant in the query only when known', () => {
    expect(partnerQuery({ id: 'INC-1', partnerTenantId: '22222222-2222-2222-2222-222222222222' })).toBe(
      '?partnerTenantId=22222222-2222-2222-2222-222222222222',
    );
    expect(partnerQuery({ id: 'INC-1' })).toBe('');
  });
});
