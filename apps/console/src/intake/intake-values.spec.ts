import { aServiceRequest } from '@escalade/domain/testing';
import { INTAKE_FIELDS, INTAKE_LABELS } from './intake-labels';
import { blankIntake, requestOf, type IntakeValues } from './intake-values';

/** aServiceRequest() as the form holds it. */
const filled = (overrides: Partial<IntakeValues> = {}): IntakeValues => ({
  ...blankIntake(),
  title: 'Virtual machines unreachable',
  description: 'Every VM in the production subscription stopped answering at 09:12 UTC.',
  severity: 'A',
  language: 'en-US',
  'customer.name': 'Contoso Ltd',
  'customer.domain': 'contoso.com',
  'customer.tenantId': '11111111-1111-1111-1111-111111111111',
  'partner.name': 'Fabrikam Cloud Services',
  'partner.tenantId': '22222222-2222-2222-2222-222222222222',
  'partner.hasAdminPrivileges': true,
  'contact.name': 'Ada Support',
  'contact.email': 'ada@fabrikam.com',
  'contact.phone': '+33 1 23 45 67 89',
  ...overrides,
});

describe('requestOf', () => {
  it('builds the request POST /service-requests takes, leaving blank optional texts out', () => {
    expect(JSON.parse(JSON.stringify(requestOf(filled())))).toEqual(aServiceRequest());
    const { contact, partner } = JSON.parse(JSON.stringify(requestOf(filled({ 'contact.phone': '  ', 'partner.supportPlanEntitlement': '' }))));
    expect(contact).toEqual({ name: 'Ada Support', email: 'ada@fabrikam.com' });
    expect(partner).not.toHaveProperty('supportPlanEntitlement');
  });

  it('sends blank required texts as they are, for the API to name them', () => {
    const request = requestOf(blankIntake());
    expect([request.title, request.customer.domain, request.partner.tenantId, request.contact.email]).toEqual(['', '', '', '']);
    expect(requestOf(blankIntake('22222222-2222-2222-2222-222222222222')).partner.tenantId).toBe('22222222-2222-2222-2222-222222222222');
  });

  it('sends the marketplace product and its ISV only for a marketplace product', () => {
    const marketplace = {
      'marketplace.productName': 'Acme Backup',
      'marketplace.isv.name': 'Acme',
      'marketplace.isv.supportUrl': 'https://acme.example/support',
      'marketplace.isv.supportEmail': '',
    };
    expect(requestOf(filled(marketplace)).marketplace).toBeUndefined();
    expect(JSON.parse(JSON.stringify(requestOf(filled({ ...marketplace, product: 'marketplace' })))).marketplace).toEqual({
      productName: 'Acme Backup',
      isv: { name: 'Acme', supportUrl: 'https://acme.example/support' },
    });
  });
});

describe('the intake labels', () => {
  it('label every field, none within another (a browser finds a field by a part of its label)', () => {
    expect([...INTAKE_FIELDS].sort()).toEqual(Object.keys(blankIntake()).sort());
    const labels = Object.values(INTAKE_LABELS).map((label) => label.toLowerCase());
    const within = labels.flatMap((label) => labels.filter((other) => other !== label && other.includes(label)).map((other) => `${label} ⊂ ${other}`));
    expect(within).toEqual([]);
    expect(new Set(labels).size).toBe(labels.length);
  });
});
