import { decideHandoffTarget } from '@escalade/domain';
import { aServiceRequest } from '@escalade/domain/testing';
import { InProcessMicrosoftSupport } from './in-process-microsoft-support';

describe('InProcessMicrosoftSupport', () => {
  const request = aServiceRequest();
  const target = decideHandoffTarget(request);
  const now = () => new Date('2026-11-24T10:00:00Z');

  it('files a ticket and returns a numeric Microsoft ticket id', async () => {
    const microsoft = new InProcessMicrosoftSupport(now);
    const { microsoftTicketId } = await microsoft.fileServiceRequest({ correlationId: 'c-1', target, request });
    expect(microsoftTicketId).toMatch(/^\d{16}$/);
    expect(microsoftTicketId.startsWith('261124')).toBe(true);
  });

  it('returns the same ticket for a retried correlation id and files nothing new', async () => {
    const microsoft = new InProcessMicrosoftSupport(now);
    const first = await microsoft.fileServiceRequest({ correlationId: 'c-1', target, request });
    const retry = await microsoft.fileServiceRequest({ correlationId: 'c-1', target, request });
    const other = await microsoft.fileServiceRequest({ correlationId: 'c-2', target, request });
    expect(retry).toEqual(first);
    expect(other.microsoftTicketId).not.toBe(first.microsoftTicketId);
    expect(microsoft.filedCount).toBe(2);
  });

  it('lists each filed ticket once, open, without notes or answer', async () => {
    const microsoft = new InProcessMicrosoftSupport(now);
    const first = await microsoft.fileServiceRequest({ correlationId: 'c-1', target, request });
    await microsoft.fileServiceRequest({ correlationId: 'c-1', target, request });
    const second = await microsoft.fileServiceRequest({ correlationId: 'c-2', target, request });
    expect(await microsoft.listTickets()).toEqual([
      { microsoftTicketId: first.microsoftTicketId, progress: { status: 'open', notes: [] } },
      { microsoftTicketId: second.microsoftTicketId, progress: { status: 'open', notes: [] } },
    ]);
  });
});
