import { alertPolicyRanges, sloLookbackReachMs } from './evaluateAlertPolicies';
import { evaluateSlo } from './evaluateSlo';
import { SliBucket } from './sliceSums';
import {
  SloAlertCondition,
  SloAlertPolicy,
  SloDefinition,
} from './SloDefinition';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const at = Date.parse('2026-11-23T12:00:00Z');

/**
 * Two days of 100 events a minute, all good, except the 50 minutes
 * ending at `at` (bucket starts at − 49m … at), which have 3 bad each.
 */
function traffic(options: { badPerMinute?: number; until?: number } = {}) {
  const { badPerMinute = 3, until = at } = options;
  const buckets: SliBucket[] = [];
  for (let start = at - 2 * DAY + MIN; start <= until; start += MIN) {
    const bad = start > at - 50 * MIN ? badPerMinute : 0;
    buckets.push({ start, durationMs: MIN, good: 100 - bad, total: 100 });
  }
  return buckets;
}

const condition = (
  overrides: Partial<SloAlertCondition> = {},
): SloAlertCondition => ({
  name: 'burn-over-2',
  severity: 'page',
  op: 'gt',
  threshold: 2,
  lookbackWindow: '1h',
  alertAfter: '5m',
  ...overrides,
});

const policy = (
  overrides: Partial<SloAlertCondition> = {},
  policyOverrides: Partial<SloAlertPolicy> = {},
): SloAlertPolicy => ({
  name: 'fast-burn',
  alertWhenBreaching: true,
  alertWhenResolved: false,
  alertWhenNoData: false,
  condition: condition(overrides),
  notificationTargets: [],
  ...policyOverrides,
});

const slo = (
  alertPolicies: SloAlertPolicy[] | undefined,
  extra: Partial<SloDefinition> = {},
): SloDefinition => ({
  name: 'availability',
  target: 0.99,
  timeWindow: { kind: 'rolling', duration: '30d' },
  budgetingMethod: 'Occurrences',
  ...(alertPolicies ? { alertPolicies } : {}),
  ...extra,
});

describe('evaluateSlo with alert policies', () => {
  it('alerts when the condition held at every minute of alertAfter', () => {
    // Lookback (t − 1h, t] at t = at − k min holds 50 − k bad minutes:
    // 3 × (50 − k) bad of 6,000, a burn of (50 − k) × 3 / 6000 / 0.01.
    // k = 0…5: 2.5, 2.45, 2.4, 2.35, 2.3, 2.25, all above 2.
    const report = evaluateSlo(slo([policy()]), traffic(), at);
    expect(report.policyAlerts).toEqual([
      {
        policy: 'fast-burn',
        condition: 'burn-over-2',
        severity: 'page',
        status: 'page',
        reason: 'breaching',
        op: 'gt',
        threshold: 2,
        lookbackWindow: '1h',
        alertAfter: '5m',
        burnRate: expect.closeTo(2.5, 9),
      },
    ]);
    expect(report.status).toBe('page');
    // The default rules are replaced, not added to.
    expect(report.alerts).toEqual([]);
  });

  it('waits while the condition has held for less than alertAfter', () => {
    // k = 15: 35 bad minutes, a burn of 1.75; the condition broke then.
    const report = evaluateSlo(
      slo([policy({ alertAfter: '15m' })]),
      traffic(),
      at,
    );
    expect(report.policyAlerts).toEqual([]);
    // 150 bad of 288,000 events: 150 / 2,880 of the budget spent.
    expect(report.errorBudget.remaining).toBeCloseTo(1 - 150 / 2880, 12);
    expect(report.status).toBe('healthy');
  });

  it('makes any severity other than page a ticket, and compares with op', () => {
    const report = evaluateSlo(
      slo([
        policy({ severity: 'sev2' }, { name: 'sev2-burn' }),
        // Burns are 2.25…2.5: none is at most 2.
        policy({ op: 'lte' }, { name: 'slow-burn' }),
      ]),
      traffic(),
      at,
    );
    expect(report.policyAlerts.map(a => [a.policy, a.status])).toEqual([
      ['sev2-burn', 'ticket'],
    ]);
    expect(report.status).toBe('ticket');
  });

  it('holds back a breach with fewer events than minEvents, without paging', () => {
    const report = evaluateSlo(
      slo([policy()], { minEvents: 10_000 }),
      traffic(),
      at,
    );
    expect(report.policyAlerts).toHaveLength(1);
    // The hour ending now holds 60 × 100 events.
    expect(report.policyAlerts[0].suppressed).toEqual({
      events: 6000,
      minEvents: 10_000,
    });
    expect(report.status).toBe('healthy');
  });

  it('alerts on missing data only when the policy asks, and only that long', () => {
    // Data stops 10 minutes before at: lookbacks (t − 5m, t] for
    // t = at − 5 … at hold nothing; at t = at − 6 the bucket at − 10 is in.
    const quiet = traffic({ until: at - 10 * MIN });
    const watch = (alertAfter: string) =>
      evaluateSlo(
        slo([
          policy(
            { lookbackWindow: '5m', alertAfter, severity: 'ticket' },
            { alertWhenNoData: true },
          ),
        ]),
        quiet,
        at,
      );
    const alert = watch('5m').policyAlerts;
    expect(alert.map(a => [a.reason, a.burnRate, a.status])).toEqual([
      ['no-data', null, 'ticket'],
    ]);
    expect(watch('5m').status).toBe('ticket');
    expect(watch('6m').policyAlerts).toEqual([]);
    // Without alertWhenNoData, no data is no alert.
    expect(
      evaluateSlo(slo([policy({ lookbackWindow: '5m' })]), quiet, at)
        .policyAlerts,
    ).toEqual([]);
  });

  it('says nothing of a breach when alertWhenBreaching is false', () => {
    const report = evaluateSlo(
      slo([policy({}, { alertWhenBreaching: false })]),
      traffic(),
      at,
    );
    expect(report.policyAlerts).toEqual([]);
    expect(report.status).toBe('healthy');
  });

  it('replaces default rules that would page', () => {
    // 40 bad a minute for 50 minutes: the hour burns at 2000/6000/0.01 =
    // 33.3 and the last 5 minutes at 40, over the 14.4 that pages.
    const heavy = traffic({ badPerMinute: 40 });
    expect(evaluateSlo(slo(undefined), heavy, at).alerts).toContainEqual({
      severity: 'page',
      longWindow: '1h',
      shortWindow: '5m',
      threshold: expect.closeTo(14.4, 9),
    });
    const calm = evaluateSlo(slo([policy({ threshold: 1000 })]), heavy, at);
    expect(calm.alerts).toEqual([]);
    expect(calm.policyAlerts).toEqual([]);
    // 2,000 bad of 288,000 spend 2000/2880 of the budget: under a quarter
    // is left only below 2,160, so the SLO is healthy.
    expect(calm.status).toBe('healthy');
  });

  it('counts slices for Timeslices SLOs', () => {
    // Each of the 50 bad minutes is a bad 1-minute slice (97 % < 99.5 %):
    // the hour ending now has 50 bad of 60 slices, a burn of
    // 50 / 60 / 0.01 = 83.3.
    const report = evaluateSlo(
      slo([policy({ threshold: 80, alertAfter: '0m' })], {
        budgetingMethod: 'Timeslices',
        timeSliceTarget: 0.995,
        timeSliceWindow: '1m',
      }),
      traffic(),
      at,
    );
    expect(report.policyAlerts.map(a => a.burnRate)).toEqual([
      expect.closeTo(50 / 60 / 0.01, 9),
    ]);
  });

  it('reads back as far as the longest lookback with its alertAfter', () => {
    expect(sloLookbackReachMs(slo(undefined))).toBe(3 * DAY);
    expect(
      sloLookbackReachMs(
        slo([policy({ lookbackWindow: '3d', alertAfter: '1h' })]),
      ),
    ).toBe(3 * DAY + HOUR);
    // One range per minute of alertAfter, newest first.
    expect(alertPolicyRanges(slo([policy({ alertAfter: '2m' })]), at)).toEqual([
      [
        { fromExclusive: at - HOUR, toInclusive: at },
        { fromExclusive: at - HOUR - MIN, toInclusive: at - MIN },
        { fromExclusive: at - HOUR - 2 * MIN, toInclusive: at - 2 * MIN },
      ],
    ]);
  });
});
