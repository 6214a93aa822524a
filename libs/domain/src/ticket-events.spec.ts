import type { Actor } from './actor';
import { summarizeTicketEvent } from './ticket-events';

describe('summarizeTicketEvent', () => {
  it('gives the reason Microsoft rejected the filing', () => {
    const reason = 'Partner Center rejected create service request (HTTP 400, code 400): SupportTopicId: "99999999" is not a support topic';
    expect(summarizeTicketEvent({ type: 'HandoffRejected', data: { reason, status: 400, code: 400 } })).toBe(
      `Microsoft rejected the filing: ${reason}`,
    );
  });

  describe('who did it', () => {
    const alice: Actor = { kind: 'user', name: 'Alice', objectId: 'oid-alice', tenantId: 'tid' };

    it('names the credential that did it, and the display name the request gave only when it differs', () => {
      expect(summarizeTicketEvent({ type: 'AzureAccessGranted', data: { grantedBy: 'Alice', by: alice } })).toBe('Azure access granted by Alice');
      expect(summarizeTicketEvent({ type: 'NoteSentToMicrosoft', data: { text: 'logs attached', ref: 'r', sentBy: 'Bob', by: alice } })).toBe(
        'Note sent to Microsoft by Bob (signed in as Alice): logs attached',
      );
      expect(
        summarizeTicketEvent({ type: 'SeverityChanged', data: { from: 'A', to: 'B', reason: 'workaround', changedBy: 'Alice', responseDueAt: 'T', by: alice } }),
      ).toBe('Severity changed from A to B by Alice (workaround); response now due by T');
      expect(summarizeTicketEvent({ type: 'MicrosoftResponded', data: { respondedAt: 'T', late: true, note: 'on it', by: alice } })).toBe(
        'Microsoft responded (late), recorded by Alice: on it',
      );
      expect(summarizeTicketEvent({ type: 'ServiceRequestClosed', data: { outcome: 'resolved', targetMet: true, closedAt: 'T', by: alice } })).toBe(
        'Closed by Alice: resolved',
      );
      expect(
        summarizeTicketEvent({ type: 'ServiceRequestClosed', data: { outcome: 'resolved', targetMet: true, closedAt: 'T', closedBy: 'Mallory', by: alice } }),
      ).toBe('Closed by Mallory (signed in as Alice): resolved');
    });

    it('reads events from before credentials as they were', () => {
      expect(summarizeTicketEvent({ type: 'AzureAccessGranted', data: { grantedBy: 'Alice' } })).toBe('Azure access granted by Alice');
      expect(summarizeTicketEvent({ type: 'AzureAccessGranted', data: {} })).toBe('Azure access granted');
      expect(summarizeTicketEvent({ type: 'MicrosoftResponded', data: { respondedAt: 'T', late: false, respondedBy: 'Bob', note: 'on it' } })).toBe(
        'Microsoft responded: on it',
      );
      expect(summarizeTicketEvent({ type: 'ServiceRequestClosed', data: { outcome: 'resolved', targetMet: true, closedAt: 'T' } })).toBe('Closed: resolved');
    });
  });
});
