import type { AlertDeliveryView } from '@escalade/contract';
import { alertLabel, deliveriesOf } from './ticket-alerts';

const PARTNER_A = 'aaaaaaaa-0000-4000-8000-000000000001';
const PARTNER_B = 'bbbbbbbb-0000-4000-8000-000000000002';

function delivery(overrides: Partial<AlertDeliveryView>): AlertDeliveryView {
  return {
    id: 'd',
    subscriptionId: 's',
    ticketId: 'INC:1',
    partnerTenantId: PARTNER_A,
    alertKey: `${PARTNER_A}~INC:1:breach`,
    kind: 'breach',
    status: 'delivered',
    heldUntil: null,
    attemptCount: 1,
    lastError: null,
    createdAt: '2026-03-02T10:00:00.000Z',
    deliveredAt: '2026-03-02T10:00:01.000Z',
    updatedAt: '2026-03-02T10:00:01.000Z',
    ...overrides,
  };
}

describe("a ticket's alerts", () => {
  it("keeps the deliveries of the ticket's partner tenant (and those from before partner isolation)", () => {
    const ours = delivery({ id: 'ours' });
    const theirs = delivery({ id: 'theirs', partnerTenantId: PARTNER_B, alertKey: `${PARTNER_B}~INC:1:breach` });
    const old = delivery({ id: 'old', partnerTenantId: null, alertKey: 'INC:1:breach' });
    expect(deliveriesOf({ partnerTenantId: PARTNER_A }, [ours, theirs, old]).map((d) => d.id)).toEqual(['ours', 'old']);
  });

  it('names each alert by what its key adds to the ticket key, with or without the partner tenant', () => {
    expect(alertLabel(delivery({ alertKey: `${PARTNER_A}~INC:1:escalation:2`, kind: 'escalation' }))).toBe('escalation 2');
    expect(alertLabel(delivery({ partnerTenantId: null, alertKey: 'INC:1:warning', kind: 'warning' }))).toBe('warning');
    expect(alertLabel(delivery({ alertKey: 'unexpected', kind: 'breach' }))).toBe('breach');
  });
});
