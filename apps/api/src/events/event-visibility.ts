import type { RecordedEvent } from '@escalade/event-store';
import { includesPartner, type PartnerTenants, type TicketsQuery } from '@escalade/persistence';

const TICKET_STREAM = /^ticket-(.+)$/;
const SCOPED_KEY = /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})~/;

/**
 * Which events of the log a principal may see: those of its partners' tickets. A ticket's partner is in its stream's
 * key (`<partner>~<id>`); a ticket from before ids were per partner tells it in its first event, or the read model does.
 * One per stream connection, remembering what it learnt.
 */
export class EventVisibility {
  private readonly partnerOf = new Map<string, string | null>();

  constructor(
    private readonly partners: PartnerTenants,
    private readonly tickets: TicketsQuery,
  ) {}

  async visible(batch: RecordedEvent[]): Promise<RecordedEvent[]> {
    if (this.partners === 'all') return batch;
    const shown: RecordedEvent[] = [];
    for (const event of batch) {
      if (includesPartner(this.partners, await this.partnerOfStream(event))) shown.push(event);
    }
    return shown;
  }

  private async partnerOfStream(event: RecordedEvent): Promise<string | null> {
    const key = TICKET_STREAM.exec(event.streamId)?.[1];
    if (!key) return null;
    const scoped = SCOPED_KEY.exec(key)?.[1];
    if (scoped) return scoped;
    if (!this.partnerOf.has(key)) {
      const received = event.type === 'ServiceRequestReceived' ? (event.data as { partner?: { tenantId?: string } }).partner?.tenantId : undefined;
      const partner = received ?? (await this.tickets.findUnscoped(key, 'all'))[0]?.partnerTenantId;
      // Not known yet (its row not projected): asked again at its next event rather than hidden for good.
      if (!partner) return null;
      this.partnerOf.set(key, partner.toLowerCase());
    }
    return this.partnerOf.get(key) ?? null;
  }
}
