import type { TicketState } from '@escalade/domain';
import { followUpMarks, slaBarGeometry, slaMarks, type SlaMarks } from './sla-bar-geometry';

const T0 = Date.parse('2026-03-02T10:00:00.000Z');
const iso = (minutes: number) => new Date(T0 + minutes * 60_000).toISOString();

const filed: TicketState = {
  key: 'T-1',
  id: 'T-1',
  partnerTenantId: '22222222-2222-2222-2222-222222222222',
  partner: 'Fabrikam',
  workflowId: 'service-request-T-1',
  title: 'VMs down',
  product: 'azure',
  customer: 'Contoso',
  customerDomain: 'contoso.com',
  status: 'awaiting-response',
  severity: 'A',
  policyVersion: 'v1',
  receivedAt: iso(0),
  handoff: { portal: 'azure-portal', url: 'u', context: 'customer', microsoftTicketId: '1', filedAt: iso(0) },
  responseDueAt: iso(120),
  breached: false,
  escalationLevel: 0,
  escalations: [],
};

const window120 = {
  startsAt: iso(0),
  warningAt: iso(90),
  dueAt: iso(120),
  escalations: [
    { level: 1, audience: 'coordinators', at: iso(120) },
    { level: 2, audience: 'duty-manager', at: iso(180) },
    { level: 3, audience: 'microsoft-account-contact', at: iso(240) },
  ],
};

describe('slaMarks', () => {
  it('takes the planned window, marking the escalations already raised with the time they were', () => {
    const marks = slaMarks({
      ...filed,
      breached: true,
      escalationLevel: 1,
      escalations: [{ level: 1, audience: 'coordinators', at: iso(121) }],
      responseWindow: window120,
    });
    expect(marks).toEqual({
      startsAt: T0,
      warningAt: T0 + 90 * 60_000,
      dueAt: T0 + 120 * 60_000,
      escalations: [
        { level: 1, audience: 'coordinators', at: T0 + 121 * 60_000, raised: true },
        { level: 2, audience: 'duty-manager', at: T0 + 180 * 60_000, raised: false },
        { level: 3, audience: 'microsoft-account-contact', at: T0 + 240 * 60_000, raised: false },
      ],
      breached: true,
      stoppedAt: undefined,
    });
  });

  it('rebuilds the window from the filing and due times when the API plans none', () => {
    expect(slaMarks({ ...filed, respondedAt: iso(30) })).toMatchObject({
      startsAt: T0,
      warningAt: T0 + 90 * 60_000,
      escalations: [],
      stoppedAt: T0 + 30 * 60_000,
    });
    expect(slaMarks({ ...filed, warnedAt: iso(91) })?.warningAt).toBe(T0 + 91 * 60_000);
  });

  it('has no window before the ticket is filed', () => {
    expect(slaMarks({ ...filed, handoff: undefined, responseDueAt: undefined })).toBeUndefined();
  });
});

describe('slaBarGeometry', () => {
  const marks = slaMarks({ ...filed, responseWindow: window120 }) as SlaMarks;
  const at = (minutes: number) => T0 + minutes * 60_000;

  it('spans the filing to the last planned escalation, with now inside it', () => {
    expect(slaBarGeometry(marks, at(60))).toEqual({
      warning: 37.5,
      due: 50,
      elapsed: 25,
      phase: 'on-track',
      now: 25,
      escalations: [
        expect.objectContaining({ level: 1, position: 50 }),
        expect.objectContaining({ level: 2, position: 75 }),
        expect.objectContaining({ level: 3, position: 100 }),
      ],
      pauses: [],
    });
  });

  it('turns at risk at the warning and breached at the due time, or as soon as the breach is recorded', () => {
    expect(slaBarGeometry(marks, at(100)).phase).toBe('at-risk');
    expect(slaBarGeometry(marks, at(120)).phase).toBe('breached');
    expect(slaBarGeometry({ ...marks, breached: true }, at(119)).phase).toBe('breached');
  });

  it('stretches to now once the clock runs past every mark', () => {
    const geometry = slaBarGeometry(marks, at(480));
    expect(geometry).toMatchObject({ due: 25, now: 100, elapsed: 100 });
  });

  it('stops where Microsoft answered, without a now marker', () => {
    const geometry = slaBarGeometry({ ...marks, stoppedAt: at(30) }, at(600));
    expect(geometry).toMatchObject({ elapsed: 12.5, phase: 'on-track', now: undefined, due: 50 });
  });
});

describe('followUpMarks', () => {
  const answered: TicketState = { ...filed, status: 'responded', respondedAt: iso(60), targetMet: true };

  it('has no bar before the first answer', () => {
    expect(followUpMarks(filed)).toBeUndefined();
  });

  it("draws the round running, Microsoft's clock paused while we owe the reply, up to now", () => {
    const owed: TicketState = {
      ...answered,
      followUp: { target: 'partner-reply', round: 1, startsAt: iso(60), dueAt: iso(120), breached: false, escalations: [] },
      pauses: [{ from: iso(60) }],
    };
    const marks = followUpMarks(owed) as SlaMarks;
    expect(marks).toMatchObject({ startsAt: T0 + 60 * 60_000, warningAt: T0 + 105 * 60_000, dueAt: T0 + 120 * 60_000, breached: false });
    expect(slaBarGeometry(marks, T0 + 90 * 60_000)).toMatchObject({ warning: 75, due: 100, elapsed: 50, pauses: [{ from: 0, to: 50 }] });
  });

  it('keeps the raised warning and ladder of a missed round, and leaves out pauses ended before it', () => {
    const missed: TicketState = {
      ...answered,
      followUp: {
        target: 'microsoft-update',
        round: 3,
        startsAt: iso(200),
        dueAt: iso(440),
        warnedAt: iso(380),
        breached: true,
        escalations: [{ level: 1, audience: 'coordinators', at: iso(440) }],
      },
      pauses: [{ from: iso(60), to: iso(200) }],
    };
    const marks = followUpMarks(missed) as SlaMarks;
    expect(marks.escalations).toEqual([{ level: 1, audience: 'coordinators', at: T0 + 440 * 60_000, raised: true }]);
    expect(marks).toMatchObject({ warningAt: T0 + 380 * 60_000, breached: true, pauses: [] });
  });
});
