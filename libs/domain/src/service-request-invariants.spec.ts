import { aServiceRequest } from './testing';
import { recordableRequest, serviceRequestProblems } from './service-request-invariants';

describe('serviceRequestProblems', () => {
  it('finds nothing wrong with a sound request, marketplace ones included', () => {
    expect(serviceRequestProblems(aServiceRequest())).toEqual([]);
    const marketplace = aServiceRequest({ product: 'marketplace', marketplace: { productName: 'Contoso CRM', isv: { name: 'Contoso' } } });
    expect(serviceRequestProblems(marketplace)).toEqual([]);
  });

  it('names every field whose shape is wrong, nested ones by their path', () => {
    const request = { ...aServiceRequest(), partner: [], contact: { name: 'Ada' }, severity: 'Z', title: 7 };

    expect(serviceRequestProblems(request)).toEqual([
      'title must be a non-empty string',
      'severity must be one of A, B, C',
      'partner must be an object',
      'contact.email must be a non-empty string',
    ]);
  });

  it('refuses a marketplace request without its marketplace details or with an ISV that is not an object', () => {
    expect(serviceRequestProblems(aServiceRequest({ product: 'marketplace' }))).toEqual([
      'marketplace is required when product is "marketplace"',
    ]);
    const isvAsList = { ...aServiceRequest({ product: 'marketplace' }), marketplace: { productName: 'CRM', isv: [] } };
    expect(serviceRequestProblems(isvAsList)).toEqual(['marketplace.isv must be an object']);
  });

  it('refuses what is not an object at all, and texts longer than downstream limits', () => {
    expect(serviceRequestProblems(null)).toEqual(['request must be an object']);
    const longDomain = aServiceRequest({ customer: { domain: `${'a'.repeat(250)}.com` } });
    expect(serviceRequestProblems(longDomain)).toEqual(['customer.domain must be at most 253 characters']);
  });
});

describe('recordableRequest', () => {
  it('keeps the texts of an invalid request and blanks what is not text', () => {
    const recorded = recordableRequest({ ...aServiceRequest(), partner: [], customer: { name: 'Contoso', domain: 42 } });

    expect(recorded.partner).toMatchObject({ name: '', tenantId: '' });
    expect(recorded.customer).toMatchObject({ name: 'Contoso', domain: '' });
    expect(recorded.title).toBe('Virtual machines unreachable');
  });
});
