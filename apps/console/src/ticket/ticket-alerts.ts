import type { AlertDeliveryView, TicketView } from '@escalade/contract';

/**
 * The ticket's own deliveries among those of its id: `GET /alerts?ticketId=` has no partner filter, so those of
 * another of the caller's partner tenants using the same id are left out here (one from before partner isolation,
 * with no partner tenant, is kept).
 */
export function deliveriesOf(ticket: Pick<TicketView, 'partnerTenantId'>, deliveries: readonly AlertDeliveryView[]): AlertDeliveryView[] {
  return deliveries.filter((delivery) => !delivery.partnerTenantId || delivery.partnerTenantId === ticket.partnerTenantId);
}

/** What the alert was, from its key: `<partner>~INC-1:escalation:2` (or `INC-1:escalation:2` before keys) → `escalation 2`. */
export function alertLabel({ alertKey, ticketId, partnerTenantId, kind }: AlertDeliveryView): string {
  const prefixes = [...(partnerTenantId ? [`${partnerTenantId}~${ticketId}:`] : []), `${ticketId}:`];
  const prefix = prefixes.find((candidate) => alertKey.startsWith(candidate));
  return prefix ? alertKey.slice(prefix.length).replaceAll(':', ' ') : kind;
}
