import fc from 'fast-check';
import { evaluateSlo } from './evaluateSlo';
import { countTimeSlices, SliBucket } from './sliceSums';
import { SloDefinition } from './SloDefinition';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const at = Date.parse('2026-11-23T12:00:00Z');

const bucket = (start: number, good: number, total: number): SliBucket => ({
  start,
  durationMs: MIN,
  good,
  total,
});

const occurrences = (target: number, duration = '30d'): SloDefinition => ({
  name: 'availability',
  target,
  timeWindow: { kind: 'rolling', duration },
  budgetingMethod: 'Occurrences',
});

describe('evaluateSlo, Occurrences', () => {
  it('sums counts over uneven traffic instead of averaging ratios', () => {
    // 100 bad of 10,000 ten days ago; 10 bad of 100 a minute ago.
    // Averaging the two ratios would give 94.5 %; summing gives 9990/10100.
    const report = evaluateSlo(
      occurrences(0.99),
      [bucket(at - 10 * DAY, 9900, 10_000), bucket(at - MIN, 90, 100)],
      at,
    );
    expect(report.good).toBe(9990);
    expect(report.total).toBe(10_100);
    expect(report.attainment).toBeCloseTo(9990 / 10_100, 12);
    // Allowed bad events: 1 % of 10,100 = 101; 110 were bad.
    expect(report.errorBudget.total).toBeCloseTo(101, 9);
    expect(report.errorBudget.consumed).toBeCloseTo(110 / 101, 12);
    expect(report.errorBudget.remaining).toBeCloseTo(-9 / 101, 12);
    expect(report.status).toBe('exhausted');
    expect(report.projectedExhaustion).toBeNull();
    // Only the recent bucket is within 3 days: 10 % errors over a 1 %
    // budget burn at 10 in every lookback that contains it.
    expect(report.burnRates).toEqual({
      '5m': expect.closeTo(10, 9),
      '30m': expect.closeTo(10, 9),
      '1h': expect.closeTo(10, 9),
      '6h': expect.closeTo(10, 9),
      '1d': expect.closeTo(10, 9),
      '3d': expect.closeTo(10, 9),
    });
    expect(report.alerts).toEqual([
      {
        severity: 'page',
        longWindow: '6h',
        shortWindow: '30m',
        threshold: expect.closeTo(6, 9),
      },
      {
        severity: 'ticket',
        longWindow: '3d',
        shortWindow: '6h',
        threshold: expect.closeTo(1, 9),
      },
    ]);
    expect(report.window).toEqual({
      start: '2026-10-24T12:00:00.000Z',
      end: '2026-11-23T12:00:00.000Z',
    });
  });

  it('reports a healthy SLO with its projected exhaustion', () => {
    // 500 bad of 1,000,000 two days ago, 10 bad of 10,000 at 11:45.
    const report = evaluateSlo(
      occurrences(0.999),
      [
        bucket(at - 2 * DAY, 999_500, 1_000_000),
        bucket(at - 15 * MIN, 9_990, 10_000),
      ],
      at,
    );
    expect(report.attainment).toBeCloseTo(1_009_490 / 1_010_000, 12);
    // Budget 0.1 % of 1,010,000 = 1010 events; 510 spent: 50/101 left.
    expect(report.errorBudget.total).toBeCloseTo(1010, 9);
    expect(report.errorBudget.consumed).toBeCloseTo(51 / 101, 12);
    expect(report.errorBudget.remaining).toBeCloseTo(50 / 101, 12);
    expect(report.burnRates['5m']).toBeNull();
    expect(report.burnRates['30m']).toBeCloseTo(1, 9);
    expect(report.burnRates['1d']).toBeCloseTo(1, 9);
    expect(report.burnRates['3d']).toBeCloseTo(510 / 1_010_000 / 0.001, 9);
    expect(report.alerts).toEqual([]);
    expect(report.status).toBe('healthy');
    // R × W / b(1d) = 50/101 × 30 days at burn rate 1 = 14.85… days.
    expect(report.projectedExhaustion).toBe('2026-12-08T08:26:08.316Z');
  });

  it('pages on a fast burn before the budget is gone', () => {
    const buckets = [bucket(at - 20 * DAY, 10_000_000, 10_000_000)];
    for (let k = 0; k < 120; k++) {
      buckets.push(bucket(at - k * MIN, 980, 1000)); // 2 % errors: burn 20
    }
    const report = evaluateSlo(occurrences(0.999), buckets, at);
    expect(report.burnRates['5m']).toBeCloseTo(20, 9);
    expect(report.burnRates['1h']).toBeCloseTo(20, 9);
    expect(report.errorBudget.remaining).toBeCloseTo(1 - 2400 / 10_120, 12);
    expect(report.status).toBe('page');
    expect(
      report.alerts.map(a => [a.severity, a.longWindow, a.shortWindow]),
    ).toEqual([
      ['page', '1h', '5m'],
      ['page', '6h', '30m'],
      ['ticket', '3d', '6h'],
    ]);
    expect(report.alerts[0].threshold).toBeCloseTo(14.4, 9);
    // R × 30 days / 20 = 193/253 × 1.5 days.
    expect(report.projectedExhaustion).toBe('2026-11-24T15:27:44.822Z');
  });

  it('marks a low remaining budget at risk, with a configurable share', () => {
    // 9 bad of 1000 against a 1 % budget of 10: 10 % left.
    const buckets = [bucket(at - 5 * DAY, 991, 1000)];
    expect(evaluateSlo(occurrences(0.99), buckets, at).status).toBe('at-risk');
    expect(
      evaluateSlo(occurrences(0.99), buckets, at, { atRiskShare: 0.05 }).status,
    ).toBe('healthy');
  });

  it('treats a budget spent exactly as exhausted', () => {
    // 10 bad of 1000 against a 1 % budget: R = 0 (not 9e-16).
    const report = evaluateSlo(
      occurrences(0.99),
      [bucket(at - 5 * DAY, 990, 1000)],
      at,
    );
    expect(report.errorBudget.remaining).toBe(0);
    expect(report.status).toBe('exhausted');
  });

  it('says no-data, never 100 %, without events', () => {
    for (const buckets of [
      [],
      [bucket(at - MIN, 0, 0)],
      [bucket(at - 40 * DAY, 5, 5)],
    ]) {
      const report = evaluateSlo(occurrences(0.999), buckets, at);
      expect(report.status).toBe('no-data');
      expect(report.attainment).toBeNull();
      expect(report.errorBudget).toEqual({
        total: null,
        consumed: null,
        remaining: null,
      });
      expect(report.alerts).toEqual([]);
      expect(report.projectedExhaustion).toBeNull();
    }
  });

  it('counts buckets by start: (at − W, at] for a rolling window', () => {
    const report = evaluateSlo(
      occurrences(0.9, '1d'),
      [
        bucket(at - DAY, 0, 7), // exactly at − W: outside
        bucket(at - DAY + MIN, 1, 1), // inside
        bucket(at, 2, 2), // exactly at: inside
        bucket(at + MIN, 0, 9), // after at: outside
      ],
      at,
    );
    expect(report.total).toBe(3);
    expect(report.good).toBe(3);
  });
});

describe('evaluateSlo, calendar windows', () => {
  const monthly = (timeZone: string): SloDefinition => ({
    name: 'monthly',
    target: 0.99,
    timeWindow: { kind: 'calendar', unit: 'month', timeZone },
    budgetingMethod: 'Occurrences',
  });

  it('uses the current calendar month, its first instant included', () => {
    const feb15 = Date.parse('2026-02-15T00:00:00Z');
    const report = evaluateSlo(
      monthly('UTC'),
      [
        bucket(Date.parse('2026-01-31T23:59:00Z'), 0, 500), // January: outside
        bucket(Date.parse('2026-02-01T00:00:00Z'), 0, 10),
        bucket(Date.parse('2026-02-14T00:00:00Z'), 990, 990),
      ],
      feb15,
    );
    expect(report.window).toEqual({
      start: '2026-02-01T00:00:00.000Z',
      end: '2026-03-01T00:00:00.000Z',
    });
    expect(report.total).toBe(1000);
    expect(report.attainment).toBeCloseTo(0.99, 12);
    expect(report.errorBudget.remaining).toBe(0);
    expect(report.status).toBe('exhausted');
  });

  it('scales alert thresholds to a 28-day February', () => {
    const report = evaluateSlo(
      monthly('UTC'),
      Array.from({ length: 10 }, (_, k) =>
        bucket(Date.parse('2026-02-15T00:00:00Z') - k * MIN, 1000, 1000),
      ),
      Date.parse('2026-02-15T00:00:00Z'),
    );
    expect(report.status).toBe('healthy');
    // 0.02 × 28 days / 1 h = 13.44: no alert fires, but the rules scale.
    expect(report.burnRates['1h']).toBe(0);
  });

  it('keeps a Europe/Berlin month aligned to local midnight across the March change', () => {
    const report = evaluateSlo(
      monthly('Europe/Berlin'),
      [
        bucket(Date.parse('2026-02-28T22:59:00Z'), 0, 100), // 23:59 CET Feb 28: outside
        bucket(Date.parse('2026-02-28T23:00:00Z'), 999, 1000), // 00:00 CET Mar 1: inside
      ],
      Date.parse('2026-03-29T12:00:00Z'),
    );
    expect(report.window).toEqual({
      start: '2026-02-28T23:00:00.000Z',
      end: '2026-03-31T22:00:00.000Z',
    });
    expect(report.total).toBe(1000);
  });
});

describe('evaluateSlo, Timeslices', () => {
  const timeslices = (
    overrides: Partial<SloDefinition> = {},
  ): SloDefinition => ({
    name: 'latency',
    target: 0.9,
    timeWindow: { kind: 'rolling', duration: '1d' },
    budgetingMethod: 'Timeslices',
    timeSliceTarget: 0.95,
    timeSliceWindow: '1m',
    ...overrides,
  });
  const buckets = [
    bucket(at - 50 * MIN, 90, 100), // 0.90 < 0.95: bad slice
    bucket(at - 40 * MIN, 96, 100), // good slice
    bucket(at - 20 * MIN, 0, 0), // no data
    bucket(at, 50, 100), // bad slice
  ];

  it('counts good slices over elapsed slices, empty slices good', () => {
    const report = evaluateSlo(timeslices(), buckets, at);
    // 1440 one-minute slices in the day, 2 bad.
    expect(report.slices).toEqual({
      good: 1438,
      bad: 2,
      elapsed: 1440,
      inWindow: 1440,
    });
    expect(report.attainment).toBeCloseTo(1438 / 1440, 12);
    // Budget: 10 % of 1440 slices = 144; 2 spent.
    expect(report.errorBudget.total).toBeCloseTo(144, 9);
    expect(report.errorBudget.consumed).toBeCloseTo(2 / 144, 12);
    expect(report.errorBudget.remaining).toBeCloseTo(142 / 144, 12);
    expect(report.burnRates['5m']).toBeCloseTo(1 / 5 / 0.1, 9);
    expect(report.burnRates['30m']).toBeCloseTo(1 / 30 / 0.1, 9);
    expect(report.burnRates['1h']).toBeCloseTo(2 / 60 / 0.1, 9);
    expect(report.burnRates['1d']).toBeCloseTo(2 / 1440 / 0.1, 9);
    expect(report.status).toBe('healthy');
    // R / b(1d) = (142/144) / (2/144) = 71 windows of one day.
    expect(report.projectedExhaustion).toBe('2027-02-02T12:00:00.000Z');
    expect(report.good).toBe(236);
    expect(report.total).toBe(300);
  });

  it('can count empty slices as bad', () => {
    const report = evaluateSlo(timeslices(), buckets, at, {
      emptySlicesAreGood: false,
    });
    // Three slices had data, one of them good.
    expect(report.slices).toEqual({
      good: 1,
      bad: 1439,
      elapsed: 1440,
      inWindow: 1440,
    });
    expect(report.status).toBe('exhausted');
  });

  it('judges a slice by its summed counts, not the mean of its buckets', () => {
    // One 5-minute slice: 1000/1000 then 80/100. Summed: 1080/1100 ≈ 98 %
    // (good); the mean of the minute ratios would be 90 % (bad).
    const report = evaluateSlo(
      timeslices({ timeSliceWindow: '5m' }),
      [bucket(at - 4 * MIN, 1000, 1000), bucket(at - 3 * MIN, 80, 100)],
      at,
    );
    expect(report.slices).toEqual({
      good: 288,
      bad: 0,
      elapsed: 288,
      inWindow: 288,
    });
  });

  it('uses the slice counts of rolled-up buckets', () => {
    const report = evaluateSlo(
      timeslices(),
      [
        {
          start: at - 10 * HOUR,
          durationMs: HOUR,
          good: 5000,
          total: 6000,
          dataSlices: 60,
          badSlices: 12,
        },
      ],
      at,
    );
    expect(report.slices?.bad).toBe(12);
    expect(report.errorBudget.consumed).toBeCloseTo(12 / 144, 12);
  });

  it('says no-data when no slice has data', () => {
    const report = evaluateSlo(timeslices(), [bucket(at - MIN, 0, 0)], at);
    expect(report.status).toBe('no-data');
    expect(report.attainment).toBeNull();
  });
});

describe('evaluateSlo, minEvents (low traffic)', () => {
  // 30-day Occurrences SLO at 99.9 %: thresholds 14.4 (1h/5m), 6 (6h/30m)
  // and 1 (3d/6h). Twenty days ago 10,000,000 good events (outside every
  // lookback, so the budget is far from spent); a minute ago 1 good of 3.
  const history = bucket(at - 20 * DAY, 10_000_000, 10_000_000);
  const lowTraffic = [history, bucket(at - MIN, 1, 3)];
  const withMin = (minEvents?: number): SloDefinition => ({
    ...occurrences(0.999),
    ...(minEvents === undefined ? {} : { minEvents }),
  });

  it('holds back every rule whose long lookback has too few events', () => {
    const report = evaluateSlo(withMin(100), lowTraffic, at);
    // Every lookback holds only the last bucket: 2 bad of 3 events, burn
    // (2/3) / 0.001 = 666.67, above 14.4, 6 and 1 alike.
    expect(report.burnRates['5m']).toBeCloseTo(2000 / 3, 9);
    expect(report.burnRates['1h']).toBeCloseTo(2000 / 3, 9);
    expect(report.burnRates['30m']).toBeCloseTo(2000 / 3, 9);
    expect(report.burnRates['6h']).toBeCloseTo(2000 / 3, 9);
    expect(report.burnRates['3d']).toBeCloseTo(2000 / 3, 9);
    // The 1h, 6h and 3d lookbacks each hold 3 events, fewer than 100.
    expect(report.alerts).toEqual([]);
    expect(report.suppressedAlerts).toEqual([
      {
        severity: 'page',
        longWindow: '1h',
        shortWindow: '5m',
        threshold: expect.closeTo(14.4, 9),
        events: 3,
        minEvents: 100,
      },
      {
        severity: 'page',
        longWindow: '6h',
        shortWindow: '30m',
        threshold: expect.closeTo(6, 9),
        events: 3,
        minEvents: 100,
      },
      {
        severity: 'ticket',
        longWindow: '3d',
        shortWindow: '6h',
        threshold: expect.closeTo(1, 9),
        events: 3,
        minEvents: 100,
      },
    ]);
    // Budget: 0.1 % of 10,000,003 = 10,000.003 events, 2 spent: 99.98 %
    // left, so without the alerts the SLO is healthy.
    expect(report.errorBudget.remaining).toBeCloseTo(1 - 2 / 10_000.003, 12);
    expect(report.status).toBe('healthy');
  });

  it('fires once the long lookback holds exactly minEvents', () => {
    // 3 events ≥ 3: not held back; 3 < 4: held back.
    const atThree = evaluateSlo(withMin(3), lowTraffic, at);
    expect(atThree.status).toBe('page');
    expect(
      atThree.alerts.map(a => [a.severity, a.longWindow, a.shortWindow]),
    ).toEqual([
      ['page', '1h', '5m'],
      ['page', '6h', '30m'],
      ['ticket', '3d', '6h'],
    ]);
    expect(atThree.suppressedAlerts).toEqual([]);

    const atFour = evaluateSlo(withMin(4), lowTraffic, at);
    expect(atFour.alerts).toEqual([]);
    expect(atFour.suppressedAlerts.map(a => a.events)).toEqual([3, 3, 3]);
    expect(atFour.status).toBe('healthy');
  });

  it('fires as before without minEvents', () => {
    const report = evaluateSlo(withMin(undefined), lowTraffic, at);
    expect(report.status).toBe('page');
    expect(report.alerts).toHaveLength(3);
    expect(report.suppressedAlerts).toEqual([]);
  });

  it('judges each rule by its own long lookback', () => {
    // Add 300 good events three hours ago: inside 6h and 3d, not 1h.
    // 1h: 3 events, burn 666.67 > 14.4, 5m the same: held back (3 < 100).
    // 6h: 303 events, 2 bad: (2/303) / 0.001 = 6.6007 > 6, 30m 666.67 > 6:
    //   pages (303 ≥ 100). 3d: 6.6007 > 1, 6h 6.6007 > 1: tickets.
    const report = evaluateSlo(
      withMin(100),
      [...lowTraffic, bucket(at - 3 * HOUR, 300, 300)],
      at,
    );
    expect(report.burnRates['6h']).toBeCloseTo(2000 / 303, 9);
    expect(
      report.alerts.map(a => [a.severity, a.longWindow, a.shortWindow]),
    ).toEqual([
      ['page', '6h', '30m'],
      ['ticket', '3d', '6h'],
    ]);
    expect(report.suppressedAlerts).toEqual([
      {
        severity: 'page',
        longWindow: '1h',
        shortWindow: '5m',
        threshold: expect.closeTo(14.4, 9),
        events: 3,
        minEvents: 100,
      },
    ]);
    // The page comes from the 6h rule; the held-back one changes nothing.
    expect(report.status).toBe('page');
  });

  it('counts events, not slices, for a Timeslices SLO', () => {
    // 1-day window, target 0.9, slices of 1 minute good at 95 %.
    // Thresholds: 0.02 × 24 = 0.48 (1h/5m), 0.05 × 4 = 0.2 (6h/30m),
    // 0.1 / 3 = 0.0333 (3d/6h).
    // Five bad slices in the last five minutes, each 1 good of 2 events.
    // 5m: 5 bad of 5 slices / 0.1 = 10; 1h: 5/60 / 0.1 = 0.833 > 0.48:
    //   the page rule burns. 30m: 1.667; 6h: 5/360 / 0.1 = 0.139 < 0.2 and
    //   3d: 5/4320 / 0.1 = 0.0116 < 0.0333: those two do not burn.
    // The 1h lookback holds 5 slices but 10 events.
    const slo: SloDefinition = {
      name: 'latency',
      target: 0.9,
      timeWindow: { kind: 'rolling', duration: '1d' },
      budgetingMethod: 'Timeslices',
      timeSliceTarget: 0.95,
      timeSliceWindow: '1m',
    };
    const buckets = Array.from({ length: 5 }, (_, k) =>
      bucket(at - k * MIN, 1, 2),
    );
    const held = evaluateSlo({ ...slo, minEvents: 11 }, buckets, at);
    expect(held.burnRates['5m']).toBeCloseTo(10, 9);
    expect(held.burnRates['1h']).toBeCloseTo(5 / 6, 9);
    expect(held.alerts).toEqual([]);
    expect(held.suppressedAlerts).toEqual([
      {
        severity: 'page',
        longWindow: '1h',
        shortWindow: '5m',
        threshold: expect.closeTo(0.48, 9),
        events: 10,
        minEvents: 11,
      },
    ]);
    // Budget: 10 % of 1440 slices = 144, 5 spent: 139/144 left.
    expect(held.status).toBe('healthy');

    // 10 events ≥ 10: the page fires (5 slices would not have reached 10).
    const fires = evaluateSlo({ ...slo, minEvents: 10 }, buckets, at);
    expect(fires.status).toBe('page');
    expect(fires.alerts.map(a => a.longWindow)).toEqual(['1h']);
    expect(fires.suppressedAlerts).toEqual([]);
  });

  it('reports nothing held back when the window has no data', () => {
    // February window (28 days: 1h threshold 13.44) two minutes in; the
    // only events, 0 good of 3, are from 23:58 on January 31: outside the
    // window, inside the 5m and 1h lookbacks (burn 3/3 / 0.01 = 100).
    const report = evaluateSlo(
      {
        name: 'monthly',
        target: 0.99,
        timeWindow: { kind: 'calendar', unit: 'month', timeZone: 'UTC' },
        budgetingMethod: 'Occurrences',
        minEvents: 100,
      },
      [bucket(Date.parse('2026-01-31T23:58:00Z'), 0, 3)],
      Date.parse('2026-02-01T00:02:00Z'),
    );
    expect(report.burnRates['1h']).toBeCloseTo(100, 9);
    expect(report.burnRates['5m']).toBeCloseTo(100, 9);
    expect(report.status).toBe('no-data');
    expect(report.alerts).toEqual([]);
    expect(report.suppressedAlerts).toEqual([]);
  });
});

describe('evaluateSlo properties', () => {
  const arbBuckets = fc.array(
    fc
      .record({
        minute: fc.integer({ min: 0, max: 3 * 24 * 60 }),
        total: fc.integer({ min: 0, max: 10_000 }),
        goodShare: fc.double({ min: 0, max: 1, noNaN: true }),
      })
      .map(({ minute, total, goodShare }) =>
        bucket(at - minute * MIN, Math.floor(total * goodShare), total),
      ),
    { maxLength: 40 },
  );
  const arbTarget = fc.constantFrom(0.9, 0.99, 0.995, 0.999, 0.9999);

  it('keeps remaining = 1 − consumed', () => {
    fc.assert(
      fc.property(arbBuckets, arbTarget, (buckets, target) => {
        const { errorBudget } = evaluateSlo(occurrences(target), buckets, at);
        if (errorBudget.consumed === null)
          return errorBudget.remaining === null;
        return (
          Math.abs(errorBudget.remaining! - (1 - errorBudget.consumed)) < 1e-12
        );
      }),
    );
  });

  it('burns at rate 1 when the error ratio equals 1 − T', () => {
    fc.assert(
      fc.property(
        arbTarget,
        fc.integer({ min: 1, max: 1000 }),
        (target, scale) => {
          const total = 10_000 * scale;
          const bad = Math.round((1 - target) * total);
          const report = evaluateSlo(
            occurrences(target),
            [bucket(at - MIN, total - bad, total)],
            at,
          );
          expect(report.burnRates['1h']).toBeCloseTo(1, 9);
        },
      ),
    );
  });

  it('never raises the remaining budget when more events are bad', () => {
    fc.assert(
      fc.property(arbBuckets, arbTarget, fc.nat(), (buckets, target, pick) => {
        const withData = buckets.filter(b => b.good > 0);
        fc.pre(withData.length > 0);
        const victim = withData[pick % withData.length];
        const worse = buckets.map(b =>
          b === victim ? { ...b, good: b.good - 1 } : b,
        );
        const before = evaluateSlo(occurrences(target), buckets, at).errorBudget
          .remaining!;
        const after = evaluateSlo(occurrences(target), worse, at).errorBudget
          .remaining!;
        expect(after).toBeLessThanOrEqual(before + 1e-12);
      }),
    );
  });

  it('says no-data whenever there are no events', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 5000 }), { maxLength: 20 }),
        arbTarget,
        (minutes, target) => {
          const buckets = minutes.map(m => bucket(at - m * MIN, 0, 0));
          return (
            evaluateSlo(occurrences(target), buckets, at).status === 'no-data'
          );
        },
      ),
    );
  });
});

describe('countTimeSlices', () => {
  it('counts slices with data and bad slices of the buckets rolled up', () => {
    const slo: SloDefinition = {
      name: 'latency',
      target: 0.9,
      timeWindow: { kind: 'rolling', duration: '1d' },
      budgetingMethod: 'Timeslices',
      timeSliceTarget: 0.95,
      timeSliceWindow: '5m',
    };
    // Slice 12:00: 1000/1000 + 80/100 = 98 % (good). Slice 12:05: 90/100 (bad).
    // Slice 12:10: 0/0 (no data).
    const start = Date.parse('2026-11-23T12:00:00Z');
    expect(
      countTimeSlices(slo, [
        bucket(start, 1000, 1000),
        bucket(start + MIN, 80, 100),
        bucket(start + 5 * MIN, 90, 100),
        bucket(start + 10 * MIN, 0, 0),
      ]),
    ).toEqual({ dataSlices: 2, badSlices: 1 });
  });
});
