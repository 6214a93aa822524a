import { addBusinessMinutes } from './business-calendar';
import type { BusinessCalendar } from './sla-policy';
import type { TicketAlert } from './ticket-alert';

/**
 * When an alert may reach a recipient who keeps `calendar` hours: undefined for at once (severity A always; any alert
 * raised inside their hours; a recipient without a calendar), else their next opening after it was raised (ISO).
 */
export function quietHoursRelease(
  calendar: BusinessCalendar | null | undefined,
  { severity, occurredAt }: Pick<TicketAlert, 'severity' | 'occurredAt'>,
): string | undefined {
  if (!calendar || severity === 'A') return undefined;
  const raisedAt = new Date(occurredAt);
  const opening = addBusinessMinutes(calendar, raisedAt, 0);
  return opening.getTime() > raisedAt.getTime() ? opening.toISOString() : undefined;
}
