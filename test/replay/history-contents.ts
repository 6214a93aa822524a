// What a golden history shows of the workflow's decisions: the patches it recorded and the ticket events it stored.
import { defaultPayloadConverter } from '@temporalio/common';
import type { RecordTicketEventsInput } from '@escalade/workflows';
import type { History } from '../../tools/replay/history-json';

/** The ids of the `patched()` markers in the history, in order. */
export function patchesOf(history: History): string[] {
  return (history.events ?? []).flatMap((event) => {
    const payload = event.markerRecordedEventAttributes?.details?.['patch-data']?.payloads?.[0];
    return payload ? [defaultPayloadConverter.fromPayload<{ id: string }>(payload).id] : [];
  });
}

/** The types of the ticket events the workflow had stored (its `recordTicketEvents` activities), in order. */
export function recordedEventTypes(history: History): string[] {
  return (history.events ?? []).flatMap((event) => {
    const scheduled = event.activityTaskScheduledEventAttributes;
    const payload = scheduled?.input?.payloads?.[0];
    if (scheduled?.activityType?.name !== 'recordTicketEvents' || !payload) return [];
    return defaultPayloadConverter.fromPayload<RecordTicketEventsInput>(payload).events.map((e) => e.type);
  });
}

/** The types of the activities the workflow scheduled, in order. */
export function scheduledActivityTypes(history: History): string[] {
  return (history.events ?? []).flatMap((event) => {
    const name = event.activityTaskScheduledEventAttributes?.activityType?.name;
    return name ? [name] : [];
  });
}
