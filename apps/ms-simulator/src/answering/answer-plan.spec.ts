import { planAnswer, RESPONSE_TARGET_HOURS } from './answer-plan';
import { createRandom } from './seeded-random';

const filedAt = new Date('2026-11-24T10:00:00Z');
const odds = (late: number, attention: number) => ({
  SIMULATOR_TIME_SCALE: 1,
  SIMULATOR_LATE_PROBABILITY: late,
  SIMULATOR_ATTENTION_PROBABILITY: attention,
});
const shareOfTarget = (at: Date, severity: 'critical' | 'moderate' | 'minimal') =>
  (at.getTime() - filedAt.getTime()) / (RESPONSE_TARGET_HOURS[severity] * 3_600_000);

describe('planAnswer', () => {
  it('answers on time at 0.2–0.9 of the target: A 2 h, B 4 h, C 8 h', () => {
    const random = createRandom(1);
    for (const severity of ['critical', 'moderate', 'minimal'] as const) {
      for (let i = 0; i < 200; i++) {
        const plan = planAnswer(severity, filedAt, odds(0, 0), random);
        expect(plan).toMatchObject({ late: false, attentionNeeded: false });
        expect(shareOfTarget(plan.at, severity)).toBeGreaterThanOrEqual(0.2);
        expect(shareOfTarget(plan.at, severity)).toBeLessThan(0.9);
      }
    }
  });

  it('answers late at 1.2–2 times the target, asking for information when told to', () => {
    const random = createRandom(2);
    for (let i = 0; i < 200; i++) {
      const plan = planAnswer('moderate', filedAt, odds(1, 1), random);
      expect(plan).toMatchObject({ late: true, attentionNeeded: true });
      expect(shareOfTarget(plan.at, 'moderate')).toBeGreaterThanOrEqual(1.2);
      expect(shareOfTarget(plan.at, 'moderate')).toBeLessThan(2);
    }
  });

  it('is late and asks for information about as often as configured', () => {
    const random = createRandom(3);
    const plans = Array.from({ length: 2000 }, () => planAnswer('critical', filedAt, odds(0.2, 0.1), random));
    expect(plans.filter((p) => p.late).length / plans.length).toBeCloseTo(0.2, 1);
    expect(plans.filter((p) => p.attentionNeeded).length / plans.length).toBeCloseTo(0.1, 1);
  });

  it('multiplies the delay by the time scale', () => {
    const plan = planAnswer('critical', filedAt, { ...odds(0, 0), SIMULATOR_TIME_SCALE: 0.0001 }, createRandom(4));
    expect(plan.at.getTime() - filedAt.getTime()).toBeGreaterThanOrEqual(144);
    expect(plan.at.getTime() - filedAt.getTime()).toBeLessThan(648);
  });

  it('repeats exactly with the same seed', () => {
    const plans = (seed: number) => {
      const random = createRandom(seed);
      return Array.from({ length: 20 }, () => planAnswer('minimal', filedAt, odds(0.5, 0.5), random));
    };
    expect(plans(7)).toEqual(plans(7));
    expect(plans(7)).not.toEqual(plans(8));
  });
});
