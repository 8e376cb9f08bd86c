import { Duration } from 'luxon';
import { z } from 'zod/v3';
import { DateRules } from './DateRules';

describe('DateRules', () => {
  // 2 December 2026, 23:30 UTC: already 3 December in Berlin.
  const now = new Date('2026-12-02T23:30:00Z');
  const rules = new DateRules({
    now: () => now,
    today: at => new Date(at + 3_600_000).toISOString().slice(0, 10),
    horizon: Duration.fromISO('P1Y'),
  });
  const happened = z.string().superRefine(rules.happened());
  const plannable = z.string().superRefine(rules.plannable());

  it('takes times up to five minutes ahead of the clock, not after', () => {
    expect(happened.safeParse('2026-12-02T23:35:00Z').success).toBe(true);
    expect(
      happened.safeParse('2026-12-02T23:35:01Z').error?.issues[0].message,
    ).toBe(
      "must not be in the future (more than 5 minutes after the server's clock)",
    );
  });

  it("plans from the organisation's today to the horizon", () => {
    expect(rules.today()).toBe('2026-12-03');
    expect(rules.lastPlannableDate()).toBe('2027-12-03');
    expect(plannable.safeParse('2027-12-03').success).toBe(true);
    expect(plannable.safeParse('2027-12-04').error?.issues[0].message).toBe(
      'must be at most P1Y ahead (2027-12-03): see reliability.planningHorizon',
    );
    expect(rules.lastPlannableInstant()).toBe(
      Date.parse('2027-12-02T23:30:00Z'),
    );
  });

  it('runs on another clock when asked', () => {
    const earlier = rules.withClock(() => new Date('2026-01-10T12:00:00Z'));
    expect(earlier.today()).toBe('2026-01-10');
    expect(earlier.lastPlannableDate()).toBe('2027-01-10');
    expect(rules.today()).toBe('2026-12-03');
  });
});
