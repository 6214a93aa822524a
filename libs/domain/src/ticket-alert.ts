import type { Severity } from './service-request';

/**
 * `correction`: a breach (and its escalations) went out, but Microsoft had answered in time after all.
 * `handoff-blocked`: tickets cannot be filed with our Partner Center credentials; one alert per outage, not per ticket.
 * After Microsoft's first answer: `update-*` mark Microsoft's next update running late (warning, breach, ladder);
 * `reply-owed` tells that Microsoft asked us for information, `reply-*` that our reply is running late;
 * `resolution-breach`: the policy's optional resolution target passed with the ticket unresolved.
 */
export const ALERT_KINDS = [
  'warning',
  'breach',
  'escalation',
  'response',
  'closure',
  'correction',
  'handoff-blocked',
  'update-warning',
  'update-breach',
  'update-escalation',
  'reply-owed',
  'reply-warning',
  'reply-breach',
  'resolution-breach',
] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];

/** Something that happened to a ticket, to be sent to every alert subscription whose filters admit it. */
export interface TicketAlert {
  /** Stable per ticket and happening (`<ticketId>:breach`, `<ticketId>:escalation:2`), so a retry sends nothing new. */
  alertKey: string;
  kind: AlertKind;
  ticketId: string;
  /**
   * The partner tenant that filed the ticket (`request.partner.tenantId`, a lower-case GUID): only subscriptions for it
   * (or for every partner) receive the alert. Absent only on alerts raised by workflows started before partner isolation.
   */
  partnerTenantId?: string;
  severity: Severity;
  product: string;
  customer: { name: string; domain: string };
  microsoftTicketId?: string;
  responseDueAt?: string;
  /** Escalation level and who it goes to, for escalations. */
  level?: number;
  audience?: string;
  occurredAt: string;
  /** One line a person can read. */
  summary: string;
}
