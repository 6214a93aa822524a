import { correlationGuid, createRequestId, nameBasedGuid } from './request-ids';

describe('request ids', () => {
  it('computes RFC 9562 name-based (v5) UUIDs', () => {
    const dnsNamespace = '6ba7b810-9dad-11d1-80b4-00c04fd430c8';
    expect(nameBasedGuid(dnsNamespace, 'www.example.com')).toBe('2ed6657d-e927-568b-95e1-2665a8aea6a2');
  });

  it('derives the same MS-RequestId from the same idempotency key, another from another key', () => {
    expect(createRequestId('INC-1')).toBe(createRequestId('INC-1'));
    expect(createRequestId('INC-1')).not.toBe(createRequestId('INC-2'));
    expect(createRequestId('INC-1')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('keeps a GUID correlation id and turns any other id into a stable GUID distinct from the request id', () => {
    expect(correlationGuid('8F14E45F-CEEA-467A-9AF0-2B1C3D4E5F60')).toBe('8f14e45f-ceea-467a-9af0-2b1c3d4e5f60');
    expect(correlationGuid('INC-1')).toBe(correlationGuid('INC-1'));
    expect(correlationGuid('INC-1')).not.toBe(createRequestId('INC-1'));
  });
});
