import { burnRateAlertRules } from './burnRateAlertRules';

const DAY = 24 * 60 * 60 * 1000;

describe('burnRateAlertRules', () => {
  it.each([
    [30, [14.4, 6, 1]],
    [28, [13.44, 5.6, 0.9333333333333333]],
    [7, [3.36, 1.4, 0.2333333333333333]],
  ])('scales the thresholds to %i days', (days, thresholds) => {
    const rules = burnRateAlertRules(days * DAY);
    expect(rules.map(r => [r.severity, r.longWindow, r.shortWindow])).toEqual([
      ['page', '1h', '5m'],
      ['page', '6h', '30m'],
      ['ticket', '3d', '6h'],
    ]);
    rules.forEach((rule, i) =>
      expect(rule.threshold).toBeCloseTo(thresholds[i], 12),
    );
  });
});
