import { upcastTicketEvent } from './ticket-upcast';

const RECORDED_AT = '2026-11-24T11:00:02.000Z';
const stored = (type: string, data: unknown) => ({ type, data, recordedAt: RECORDED_AT, streamId: 'ticket-T-1' });

describe('upcastTicketEvent', () => {
  it.each([
    ['BreachWarningRaised', { responseDueAt: 'd' }, 'warnedAt'],
    ['Escalated', { level: 1, audience: 'coordinators' }, 'raisedAt'],
    ['SlaBreachCorrected', { respondedAt: 'r', responseDueAt: 'd' }, 'correctedAt'],
  ])('gives an old %s the time it was stored as its %s', (type, data, field) => {
    expect(upcastTicketEvent(stored(type, data))).toEqual(stored(type, { ...data, [field]: RECORDED_AT }));
  });

  it('leaves an event already in today\'s shape, of another type, or without an object as data exactly as it is', () => {
    const current = stored('Escalated', { level: 2, audience: 'duty manager', raisedAt: '2026-11-24T12:00:00.000Z' });
    expect(upcastTicketEvent(current)).toBe(current);
    const other = stored('SlaBreached', { responseDueAt: 'd' });
    expect(upcastTicketEvent(other)).toBe(other);
    const malformed = stored('Escalated', 'not an object');
    expect(upcastTicketEvent(malformed)).toBe(malformed);
  });
});
