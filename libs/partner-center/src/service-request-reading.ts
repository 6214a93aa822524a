import type { MicrosoftFirstAnswer, MicrosoftProgress } from '@escalade/microsoft-support';
import { referenceOf } from './escalade-notes';
import type { ServiceRequestResource, ServiceRequestStatus } from './wire';

type ServiceRequestState = Pick<ServiceRequestResource, 'status' | 'notes' | 'primaryContact' | 'lastModifiedDate'>;

/** ServiceRequestStatus in the order of its enum values. */
const STATUS_BY_NUMBER: readonly ServiceRequestStatus[] = ['none', 'open', 'closed', 'attention_needed'];

/** The status by name, whether Partner Center sent its name (in any case) or its enum number. */
export function statusOf(status: ServiceRequestResource['status']): ServiceRequestStatus | string {
  return typeof status === 'number' ? (STATUS_BY_NUMBER[status] ?? String(status)) : status.toLowerCase();
}

/** Status and notes as Partner Center shows them (a request without notes may leave them out), less the notes we added. */
export function progressOf({ status, notes }: Pick<ServiceRequestResource, 'status' | 'notes'>): MicrosoftProgress {
  return { status: statusOf(status), notes: (notes ?? []).filter((note) => referenceOf(note.text) === undefined) };
}

/**
 * Microsoft's first engagement, read from the request: `attention_needed` (it asks for information), or a note from
 * someone other than the partner's contact, or the request closed by Microsoft; undefined while there is none.
 */
export function firstAnswerIn(resource: ServiceRequestState): MicrosoftFirstAnswer | undefined {
  const { primaryContact, lastModifiedDate } = resource;
  const { status, notes } = progressOf(resource);
  const ours = [primaryContact?.firstName, primaryContact?.lastName].filter(Boolean).join(' ');
  const fromMicrosoft = notes.find((note) => note.createdByName && note.createdByName !== ours);
  const note = fromMicrosoft ?? notes.at(-1);
  if (status === 'attention_needed') {
    return { kind: 'attention-needed', answeredAt: note?.createdDate ?? lastModifiedDate, note: note?.text, answeredBy: note?.createdByName };
  }
  if (fromMicrosoft) {
    return { kind: 'responded', answeredAt: fromMicrosoft.createdDate, note: fromMicrosoft.text, answeredBy: fromMicrosoft.createdByName };
  }
  if (status === 'closed') return { kind: 'responded', answeredAt: lastModifiedDate, note: 'Closed by Microsoft' };
  return undefined;
}
