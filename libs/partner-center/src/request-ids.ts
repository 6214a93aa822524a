import { createHash } from 'node:crypto';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

// Fixed namespaces, so the same name yields the same GUID on every machine and every retry.
const CREATE_REQUEST_NAMESPACE = '0b3f2a8e-5c1d-4e7a-9f62-6d8c4b1a2e57';
const CORRELATION_NAMESPACE = 'a4c9e1d2-7b3f-4a58-8e06-3f5b9c2d1e84';

/** A name-based (version 5, SHA-1) UUID as RFC 9562 defines it. */
export function nameBasedGuid(namespace: string, name: string): string {
  const bytes = createHash('sha1')
    .update(Buffer.from(namespace.replace(/-/g, ''), 'hex'))
    .update(name, 'utf8')
    .digest()
    .subarray(0, 16);
  bytes[6] = (bytes[6] & 0x0f) | 0x50;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** MS-RequestId of a create: the same idempotency key always gives the same GUID, so a retry files nothing new. */
export function createRequestId(idempotencyKey: string): string {
  return nameBasedGuid(CREATE_REQUEST_NAMESPACE, idempotencyKey);
}

/** MS-CorrelationId must be a GUID: one passes through, any other id (a ticket id, say) is turned into one. */
export function correlationGuid(correlationId: string): string {
  return GUID.test(correlationId) ? correlationId.toLowerCase() : nameBasedGuid(CORRELATION_NAMESPACE, correlationId);
}
