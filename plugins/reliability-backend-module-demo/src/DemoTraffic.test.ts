import { generateDemoMeasurements } from './DemoTraffic';

const now = Date.parse('2026-11-23T12:00:30Z');

describe('generateDemoMeasurements', () => {
  const profile = {
    entity: 'component:default/payment-gateway',
    slo: 'payment-availability',
    requestsPerMinute: 800,
    errorRate: 0.0002,
    incidents: [{ fromMs: 90 * 60_000, toMs: 0, errorRate: 0.03 }],
  };

  it('covers every minute of the period up to now, valid and deterministic', () => {
    const buckets = generateDemoMeasurements(
      profile,
      now,
      now - 2 * 24 * 3_600_000,
    );
    expect(buckets).toHaveLength(2 * 24 * 60);
    expect(buckets[buckets.length - 1].start).toBe(
      Date.parse('2026-11-23T12:00:00Z'),
    );
    expect(buckets[0].start).toBe(Date.parse('2026-11-21T12:01:00Z'));
    expect(
      buckets.every(b => b.good >= 0 && b.good <= b.total && b.total > 0),
    ).toBe(true);
    expect(
      generateDemoMeasurements(profile, now, now - 2 * 24 * 3_600_000),
    ).toEqual(buckets);
    // A minute gets the same counts whatever range it is generated in.
    expect(generateDemoMeasurements(profile, now, now - 3 * 60_000)).toEqual(
      buckets.slice(-3),
    );
  });

  it('applies the incident rate inside the incident only', () => {
    const buckets = generateDemoMeasurements(
      profile,
      now,
      now - 24 * 3_600_000,
    );
    const errorRate = (list: typeof buckets) =>
      list.reduce((n, b) => n + b.total - b.good, 0) /
      list.reduce((n, b) => n + b.total, 0);
    const lastHour = buckets.slice(-60);
    const before = buckets.slice(0, -120);
    // Incident: 3 % ± half; outside: 0.02 % ± half.
    expect(errorRate(lastHour)).toBeGreaterThan(0.015);
    expect(errorRate(lastHour)).toBeLessThan(0.045);
    expect(errorRate(before)).toBeLessThan(0.0004);
  });
});
