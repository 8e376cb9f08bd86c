import { SloDefinition } from '@reliability-suite/plugin-reliability-common';
import { countMeasurements, countValuesPerMinute } from './countMeasurements';

const ratio: SloDefinition = {
  name: 'availability',
  target: 0.99,
  timeWindow: { kind: 'rolling', duration: '28d' },
  budgetingMethod: 'Occurrences',
};
const latency: SloDefinition = {
  ...ratio,
  name: 'latency',
  threshold: { op: 'lt', value: 500 },
};
const t = '2026-12-03T12:00:00Z';

describe('countMeasurements', () => {
  it('makes every value of a threshold metric one event, good when it meets the objective', () => {
    expect(
      countMeasurements(latency, [
        { timestamp: t, value: 100 },
        { timestamp: t, value: 499.9 },
        { timestamp: t, value: 500 },
        { timestamp: t, value: 700 },
      ]),
    ).toEqual([
      { timestamp: t, good: 1, total: 1 },
      { timestamp: t, good: 1, total: 1 },
      { timestamp: t, good: 0, total: 1 },
      { timestamp: t, good: 0, total: 1 },
    ]);
  });

  it('passes the counts of a ratio metric through', () => {
    const points = [{ timestamp: t, good: 99, total: 100 }];
    expect(countMeasurements(ratio, points)).toEqual(points);
  });

  it('refuses points of the other kind, naming the first', () => {
    expect(() =>
      countMeasurements(latency, [
        { timestamp: t, value: 1 },
        { timestamp: t, good: 1, total: 1 },
      ]),
    ).toThrow(
      "Invalid request body 'measurements.1': SLO 'latency' judges the values of a thresholdMetric: send { timestamp, value } points",
    );
    expect(() =>
      countMeasurements(ratio, [{ timestamp: t, value: 1 }]),
    ).toThrow(
      "Invalid request body 'measurements.0.value': SLO 'availability' counts good and total events: send { timestamp, good, total } points",
    );
  });

  it('counts the values of many series once per minute', () => {
    const next = '2026-12-03T12:01:00.000Z';
    expect(
      countValuesPerMinute(latency, [
        { timestamp: t, value: 100 },
        { timestamp: next, value: 900 },
        { timestamp: t, value: 800 },
        { timestamp: t, value: 300 },
      ]),
    ).toEqual([
      { timestamp: t, good: 2, total: 3 },
      { timestamp: next, good: 0, total: 1 },
    ]);
  });
});
