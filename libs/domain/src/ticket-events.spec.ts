import { summarizeTicketEvent } from './ticket-events';

describe('summarizeTicketEvent', () => {
  it('gives the reason Microsoft rejected the filing', () => {
    const reason = 'Partner Center rejected create service request (HTTP 400, code 400): SupportTopicId: "99999999" is not a support topic';
    expect(summarizeTicketEvent({ type: 'HandoffRejected', data: { reason, status: 400, code: 400 } })).toBe(
      `Microsoft rejected the filing: ${reason}`,
    );
  });
});
