// What a golden history shows of the workflow's decisions: the patches it recorded and the ticket events it stored.
import { defaultPayloadConverter } from '@temporalio/common';
import type { RecordTicketEventsInput } from '@escalade/workflows';
import { historyFromJSON, historyToJSON, type History } from '../../tools/replay/history-json';

/** The ids of the `patched()` markers in the history, in order. */
export function patchesOf(history: History): string[] {
  return (history.events ?? []).flatMap((event) => {
    const payload = event.markerRecordedEventAttributes?.details?.['patch-data']?.payloads?.[0];
    return payload ? [defaultPayloadConverter.fromPayload<{ id: string }>(payload).id] : [];
  });
}

/** The inputs of the workflow's `recordTicketEvents` activities, in order. */
function appendsOf(history: History): RecordTicketEventsInput[] {
  return (history.events ?? []).flatMap((event) => {
    const scheduled = event.activityTaskScheduledEventAttributes;
    const payload = scheduled?.input?.payloads?.[0];
    if (scheduled?.activityType?.name !== 'recordTicketEvents' || !payload) return [];
    return [defaultPayloadConverter.fromPayload<RecordTicketEventsInput>(payload)];
  });
}

/** The types of the ticket events the workflow had stored (its `recordTicketEvents` activities), in order. */
export function recordedEventTypes(history: History): string[] {
  return appendsOf(history).flatMap((append) => append.events.map((e) => e.type));
}

/** The kinds of the alerts sent by the activity that stored their events, in order. */
export function alertsSentWithTheirEvents(history: History): string[] {
  return appendsOf(history).flatMap((append) => (append.alert ? [append.alert.kind] : []));
}

/** The types of the activities the workflow scheduled, in order. */
export function scheduledActivityTypes(history: History): string[] {
  return (history.events ?? []).flatMap((event) => {
    const name = event.activityTaskScheduledEventAttributes?.activityType?.name;
    return name ? [name] : [];
  });
}

/** A payload as a history's JSON export holds it: metadata values and data in base64. */
interface ExportedPayload {
  metadata: Record<string, string>;
  data?: string;
}

/** Where a history keeps payloads that no codec sees: search attributes (the server indexes them) and patch markers. */
const OUTSIDE_THE_CODEC = new Set(['indexedFields', 'patch-data']);

/** Every payload of an exported history (its JSON, parsed), with whether it went through the payload codecs. */
export function exportedPayloads(json: unknown): Array<{ payload: ExportedPayload; throughCodec: boolean }> {
  const found: Array<{ payload: ExportedPayload; throughCodec: boolean }> = [];
  const visit = (node: unknown, throughCodec: boolean): void => {
    if (Array.isArray(node)) return node.forEach((item) => visit(item, throughCodec));
    if (typeof node !== 'object' || node === null) return;
    const { metadata } = node as { metadata?: unknown };
    if (typeof metadata === 'object' && metadata !== null && 'encoding' in metadata) {
      found.push({ payload: node as ExportedPayload, throughCodec });
      return;
    }
    for (const [key, value] of Object.entries(node)) visit(value, throughCodec && !OUTSIDE_THE_CODEC.has(key));
  };
  visit(json, true);
  return found;
}

const base64Text = (value: string | undefined) => Buffer.from(value ?? '', 'base64').toString('utf8');

export const encodingOf = (payload: ExportedPayload) => base64Text(payload.metadata.encoding);

/** What anyone reading the export sees of a payload: its data, base64 decoded. */
export const clearTextOf = (payload: ExportedPayload) => base64Text(payload.data);

type ExportedEvent = { eventId: string; eventTime: string; eventType: string };

/** The history's events as its JSON export holds them (times as RFC 3339 strings). */
function exportedEvents(history: History): ExportedEvent[] {
  return (JSON.parse(historyToJSON(history)) as { events: ExportedEvent[] }).events;
}

const isTaskStarted = (event: ExportedEvent) => event.eventType === 'EVENT_TYPE_WORKFLOW_TASK_STARTED';

/** How many workflow tasks the history holds. */
export function workflowTaskCount(history: History): number {
  return exportedEvents(history).filter(isTaskStarted).length;
}

/** Which workflow task (0-based) follows the history's `nth` (0-based) fired timer. */
export function workflowTaskAfterTimer(history: History, nth: number): number {
  const events = exportedEvents(history);
  const fired = events.filter((event) => event.eventType === 'EVENT_TYPE_TIMER_FIRED')[nth];
  if (!fired) throw new Error(`the history has no timer fired #${nth}`);
  return events.filter((event) => isTaskStarted(event) && Number(event.eventId) < Number(fired.eventId)).length;
}

/**
 * The history with its `nth` (0-based) workflow task dated `laterMs` later: on replay that task's clock reads later
 * than it did live, as a task retried after a server restart can.
 */
export function withWorkflowTaskDatedLater(history: History, nth: number, laterMs: number): History {
  const events = exportedEvents(history);
  const task = events.filter(isTaskStarted)[nth];
  if (!task) throw new Error(`the history has no workflow task #${nth}`);
  task.eventTime = new Date(Date.parse(task.eventTime) + laterMs).toISOString();
  return historyFromJSON({ events });
}

/** The types of the local activities the workflow ran (their markers), in order. */
export function localActivityTypes(history: History): string[] {
  return (history.events ?? []).flatMap((event) => {
    const payload = event.markerRecordedEventAttributes?.details?.data?.payloads?.[0];
    if (event.markerRecordedEventAttributes?.markerName !== 'core_local_activity' || !payload) return [];
    return [defaultPayloadConverter.fromPayload<{ activity_type: string }>(payload).activity_type];
  });
}
