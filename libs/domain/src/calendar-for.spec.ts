import { calendarFor } from './calendar-for';
import { DEFAULT_SLA_POLICY, type BusinessCalendar, type SlaPolicy } from './sla-policy';

const paris: BusinessCalendar = { ...DEFAULT_SLA_POLICY.calendar, timeZone: 'Europe/Paris' };
const newYork: BusinessCalendar = { ...DEFAULT_SLA_POLICY.calendar, timeZone: 'America/New_York' };
const tenantId = '11111111-1111-1111-1111-111111111111';

describe('calendarFor', () => {
  it('given a policy without customer calendars, when choosing, then it is the default calendar', () => {
    expect(calendarFor(DEFAULT_SLA_POLICY, { tenantId, domain: 'contoso.com' })).toBe(DEFAULT_SLA_POLICY.calendar);
  });

  it("given a calendar keyed by the customer's domain, when choosing, then it is that calendar, whatever the case", () => {
    const policy: SlaPolicy = { ...DEFAULT_SLA_POLICY, customerCalendars: { 'Contoso.COM': paris } };

    expect(calendarFor(policy, { tenantId, domain: ' contoso.com ' })).toBe(paris);
  });

  it("given a calendar keyed by the customer's tenant id, when choosing, then it is that calendar, whatever the case", () => {
    const policy: SlaPolicy = { ...DEFAULT_SLA_POLICY, customerCalendars: { 'AAAAAAAA-1111-1111-1111-111111111111': paris } };

    expect(calendarFor(policy, { tenantId: 'aaaaaaaa-1111-1111-1111-111111111111', domain: 'contoso.com' })).toBe(paris);
  });

  it('given calendars for both the tenant id and the domain, when choosing, then the tenant id wins, whatever the key order', () => {
    const policy: SlaPolicy = { ...DEFAULT_SLA_POLICY, customerCalendars: { 'contoso.com': paris, [tenantId]: newYork } };

    expect(calendarFor(policy, { tenantId, domain: 'contoso.com' })).toBe(newYork);
  });

  it('given calendars for other customers only, when choosing, then it is the default calendar', () => {
    const policy: SlaPolicy = { ...DEFAULT_SLA_POLICY, customerCalendars: { 'fabrikam.com': paris } };

    expect(calendarFor(policy, { tenantId, domain: 'contoso.com' })).toBe(DEFAULT_SLA_POLICY.calendar);
  });

  it('given a customer named like an Object property, when choosing, then nothing inherited is mistaken for a calendar', () => {
    const policy: SlaPolicy = { ...DEFAULT_SLA_POLICY, customerCalendars: {} };

    expect(calendarFor(policy, { tenantId: 'constructor', domain: '__proto__' })).toBe(DEFAULT_SLA_POLICY.calendar);
  });

  it('given an empty tenant id and domain, when choosing, then an empty key never matches', () => {
    const policy: SlaPolicy = { ...DEFAULT_SLA_POLICY, customerCalendars: { '': paris } };

    expect(calendarFor(policy, { tenantId: '', domain: '' })).toBe(DEFAULT_SLA_POLICY.calendar);
  });
});
