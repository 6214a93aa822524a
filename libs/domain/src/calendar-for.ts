import type { Customer } from './service-request';
import type { BusinessCalendar, SlaPolicy } from './sla-policy';

/**
 * The business calendar that counts a customer's business hours: the policy's calendar for that customer,
 * keyed by tenant id or else by domain (both compared trimmed and case-insensitively, the tenant id first),
 * or the partner's default `calendar` when the customer has none.
 */
export function calendarFor(
  policy: Pick<SlaPolicy, 'calendar' | 'customerCalendars'>,
  customer: Pick<Customer, 'tenantId' | 'domain'>,
): BusinessCalendar {
  const entries = Object.entries(policy.customerCalendars ?? {});
  for (const id of [customer.tenantId, customer.domain]) {
    const key = normaliseKey(id);
    if (!key) continue;
    const match = entries.find(([candidate]) => normaliseKey(candidate) === key);
    if (match) return match[1];
  }
  return policy.calendar;
}

/** Tenant ids (GUIDs) and domain names are both case-insensitive. */
function normaliseKey(value: string | undefined): string {
  return (value ?? '').trim().toLowerCase();
}
