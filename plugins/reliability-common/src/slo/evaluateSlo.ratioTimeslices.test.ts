import { evaluateSlo } from './evaluateSlo';
import { countTimeSlices, SliBucket } from './sliceSums';
import { SloDefinition } from './SloDefinition';

const MIN = 60_000;
const HOUR = 60 * MIN;
const at = Date.parse('2026-11-23T12:00:00Z');

const minute = (start: number, good: number, total: number): SliBucket => ({
  start,
  durationMs: MIN,
  good,
  total,
});

/**
 * Four minutes of the last hour: half of 100 requests fail 29 minutes ago
 * (a shortfall of 0.5), 1 of 100 two minutes ago (0.01), none of 0 three
 * minutes ago (no data), none of 1,000 a minute ago (0).
 */
const buckets = [
  minute(at - 29 * MIN, 50, 100),
  minute(at - 3 * MIN, 0, 0),
  minute(at - 2 * MIN, 99, 100),
  minute(at - MIN, 1000, 1000),
];

const ratioSlo = (duration: string): SloDefinition => ({
  name: 'main-page',
  target: 0.99,
  timeWindow: { kind: 'rolling', duration },
  budgetingMethod: 'RatioTimeslices',
  timeSliceWindow: '1m',
});

describe('evaluateSlo, RatioTimeslices', () => {
  it('averages the ratios of the slices, empty ones good', () => {
    const report = evaluateSlo(ratioSlo('1h'), buckets, at);
    // 60 slices fall short by 0.5 + 0.01 in all: (60 − 0.51) / 60.
    expect(report.attainment).toBeCloseTo((60 - 0.51) / 60, 12);
    // 1 % of 60 slices may fall short: 0.6, of which 0.51 is spent.
    expect(report.errorBudget.total).toBeCloseTo(0.6, 12);
    expect(report.errorBudget.consumed).toBeCloseTo(0.51 / 0.6, 12);
    expect(report.errorBudget.remaining).toBeCloseTo(0.15, 12);
    expect(report.slices).toEqual({
      good: expect.closeTo(59.49, 12),
      bad: expect.closeTo(0.51, 12),
      elapsed: 60,
      inWindow: 60,
    });
    // 5m: 0.01 over 5 slices; 30m: 0.51 over 30; 1h: 0.51 over 60.
    expect(report.burnRates['5m']).toBeCloseTo(0.01 / 5 / 0.01, 9);
    expect(report.burnRates['30m']).toBeCloseTo(0.51 / 30 / 0.01, 9);
    expect(report.burnRates['1h']).toBeCloseTo(0.51 / 60 / 0.01, 9);
    // Events would say otherwise: 1,149 good of 1,200 is 95.75 %.
    expect(report.good / report.total).toBeCloseTo(0.9575, 12);
  });

  it('counts empty slices as falling short entirely when told to', () => {
    const report = evaluateSlo(ratioSlo('1h'), buckets, at, {
      emptySlicesAreGood: false,
    });
    // 3 slices with events; 57 without fall short by 1 each.
    expect(report.slices!.bad).toBeCloseTo(57.51, 12);
    expect(report.attainment).toBeCloseTo(2.49 / 60, 12);
  });

  it('keeps the shortfall through a rollup: an hour holds its sum', () => {
    const hour = buckets.map(b => ({ ...b, start: b.start - HOUR }));
    const counts = countTimeSlices(ratioSlo('1d'), hour);
    expect(counts).toEqual({
      dataSlices: 3,
      sliceShortfall: expect.closeTo(0.51, 12),
    });
    const rolled: SliBucket = {
      start: at - 2 * HOUR,
      durationMs: HOUR,
      good: 1149,
      total: 1200,
      ...counts,
    };
    const fromMinutes = evaluateSlo(ratioSlo('1d'), hour, at);
    const fromHour = evaluateSlo(ratioSlo('1d'), [rolled], at);
    // 1,440 slices in the day, 0.51 short.
    expect(fromHour.attainment).toBeCloseTo((1440 - 0.51) / 1440, 12);
    expect(fromHour.attainment).toBeCloseTo(fromMinutes.attainment!, 12);
    expect(fromHour.errorBudget).toEqual({
      total: expect.closeTo(14.4, 9),
      consumed: expect.closeTo(0.51 / 14.4, 9),
      remaining: expect.closeTo(1 - 0.51 / 14.4, 9),
    });
  });

  it('judges an hour rolled up under another method as a whole, over its slices with data', () => {
    const slo = { ...ratioSlo('1d'), timeSliceWindow: '5m' };
    // Rolled up while Occurrences: no slice counts, 10 % bad.
    const occurrencesHour: SliBucket = {
      start: at - 3 * HOUR,
      durationMs: HOUR,
      good: 900,
      total: 1000,
    };
    // Rolled up while Timeslices: 6 of its 12 slices had data.
    const timeslicesHour: SliBucket = {
      ...occurrencesHour,
      start: at - 2 * HOUR,
      dataSlices: 6,
      badSlices: 6,
    };
    // Into a day: 12 slices short by 0.1, then 6.
    expect(countTimeSlices(slo, [occurrencesHour, timeslicesHour])).toEqual({
      dataSlices: 18,
      sliceShortfall: expect.closeTo(1.8, 12),
    });
  });
});
