/**
 * A ticket as the API finds it: its id is unique per partner tenant only, so the partner tenant says which one when
 * the principal acts for several partners that use the same id (the API answers 409 without it).
 */
export interface TicketRef {
  id: string;
  partnerTenantId?: string;
}

const SCOPED_KEY = /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})~(.+)$/i;

/** The ticket of a key: `<partner tenant>~<id>`, or the bare id of a ticket from before ids were per partner. */
export function ticketRefOfKey(key: string): TicketRef {
  const scoped = SCOPED_KEY.exec(key);
  return scoped ? { id: scoped[2], partnerTenantId: scoped[1].toLowerCase() } : { id: key };
}

/** `?partnerTenantId=…` when the ticket's partner is known, else nothing. */
export function partnerQuery({ partnerTenantId }: TicketRef): string {
  return partnerTenantId ? `?${new URLSearchParams({ partnerTenantId })}` : '';
}
