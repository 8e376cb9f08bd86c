import { evaluateSlo } from './evaluateSlo';
import { SloDefinition } from './SloDefinition';

const MIN = 60_000;
const DAY = 24 * 60 * MIN;
const at = Date.parse('2026-11-23T12:00:00Z');

const twoObjectives: SloDefinition = {
  name: 'availability',
  target: 0.999,
  objectives: [
    { displayName: 'Internal', target: 0.999 },
    { displayName: 'SLA', target: 0.99 },
  ],
  timeWindow: { kind: 'rolling', duration: '30d' },
  budgetingMethod: 'Occurrences',
};

const noBurn = {
  '5m': null,
  '30m': null,
  '1h': null,
  '6h': null,
  '1d': null,
  '3d': null,
};

describe('evaluateSlo with several objectives', () => {
  it('gives each objective its own budget and status, the SLO the worst', () => {
    // 200 bad of 100,000, ten days ago (outside every lookback).
    const report = evaluateSlo(
      twoObjectives,
      [{ start: at - 10 * DAY, durationMs: MIN, good: 99_800, total: 100_000 }],
      at,
    );
    // 99.9 %: 100 bad allowed, 200 spent: twice the budget.
    // 99 %: 1,000 allowed, 200 spent: a fifth.
    expect(report.objectives).toEqual([
      {
        displayName: 'Internal',
        target: 0.999,
        attainment: 0.998,
        errorBudget: {
          total: expect.closeTo(100, 9),
          consumed: expect.closeTo(2, 9),
          remaining: expect.closeTo(-1, 9),
        },
        burnRates: noBurn,
        alerts: [],
        suppressedAlerts: [],
        policyAlerts: [],
        status: 'exhausted',
        projectedExhaustion: null,
      },
      {
        displayName: 'SLA',
        target: 0.99,
        attainment: 0.998,
        errorBudget: {
          total: expect.closeTo(1000, 9),
          consumed: expect.closeTo(0.2, 9),
          remaining: expect.closeTo(0.8, 9),
        },
        burnRates: noBurn,
        alerts: [],
        suppressedAlerts: [],
        policyAlerts: [],
        status: 'healthy',
        projectedExhaustion: null,
      },
    ]);
    // The SLO's own fields are those of its highest target.
    expect(report.status).toBe('exhausted');
    expect(report.errorBudget.remaining).toBeCloseTo(-1, 9);
  });

  it('burns each objective at its own rate', () => {
    // 2 % bad in the last minute: burn 20 under 99.9 %, 2 under 99 %.
    const report = evaluateSlo(
      twoObjectives,
      [{ start: at - MIN, durationMs: MIN, good: 980, total: 1000 }],
      at,
    );
    expect(report.objectives!.map(o => o.burnRates['5m'])).toEqual([
      expect.closeTo(20, 9),
      expect.closeTo(2, 9),
    ]);
    expect(report.burnRates['5m']).toBeCloseTo(20, 9);
  });

  it('shows the worst objective, which a policy on a low burn may make the lower target', () => {
    // The last hour is 3 % bad. Under 99 % it burns at 3, under 90 % at
    // 0.3: a policy paging at a burn of at most 2 fires for 90 % only.
    const slo: SloDefinition = {
      ...twoObjectives,
      target: 0.99,
      objectives: [{ target: 0.99 }, { target: 0.9 }],
      alertPolicies: [
        {
          name: 'too-quiet',
          alertWhenBreaching: true,
          alertWhenResolved: false,
          alertWhenNoData: false,
          condition: {
            name: 'burn-at-most-2',
            severity: 'page',
            op: 'lte',
            threshold: 2,
            lookbackWindow: '1h',
            alertAfter: '0m',
          },
          notificationTargets: [],
        },
      ],
    };
    // Ten days of 100 events a minute, the last 60 minutes 3 bad each:
    // 180 bad of 1,440,000, far inside either budget.
    const buckets = Array.from({ length: 14_400 }, (_, i) => ({
      start: at - i * MIN,
      durationMs: MIN,
      good: i < 60 ? 97 : 100,
      total: 100,
    }));
    const report = evaluateSlo(slo, buckets, at);
    expect(report.objectives!.map(o => o.status)).toEqual(['healthy', 'page']);
    // The SLO's own fields are the 90 % objective's, the one that pages.
    expect(report.status).toBe('page');
    expect(report.policyAlerts.map(a => a.burnRate)).toEqual([
      expect.closeTo(0.3, 9),
    ]);
  });

  it('leaves objectives out with one objective', () => {
    const { objectives: _, ...single } = twoObjectives;
    expect(evaluateSlo(single, [], at).objectives).toBeUndefined();
  });
});
