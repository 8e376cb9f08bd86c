import { burnRateAlertRules } from './burnRateAlertRules';
import {
  alertPolicyRanges,
  evaluateAlertPolicies,
  SloSumRange,
} from './evaluateAlertPolicies';
import {
  isSlicedSlo,
  PrefixSums,
  SliBucket,
  sliceMsOf,
  slicesBetween,
  toSliceEntries,
} from './sliceSums';
import { parseSloDuration } from './parseSloDuration';
import {
  BURN_RATE_LOOKBACKS,
  BurnRateLookback,
  SloAlert,
  SloDefinition,
  SloObjectiveReport,
  SloPolicyAlert,
  SLO_STATUS_SEVERITY,
  SloStatusName,
  SloStatusReport,
  SloSuppressedAlert,
} from './SloDefinition';
import { sloWindowAt } from './sloWindowAt';

/** @internal */
export interface EvaluateSloOptions {
  /** Remaining budget share below which a healthy SLO is `at-risk`. Default 0.25. */
  atRiskShare?: number;
  /** Timeslices: whether slices without data count as good. Default true. */
  emptySlicesAreGood?: boolean;
}

function worseStatus(
  severities: Array<'page' | 'ticket'>,
): SloStatusName | undefined {
  if (severities.includes('page')) return 'page';
  if (severities.includes('ticket')) return 'ticket';
  return undefined;
}

/**
 * Counts over one range of bucket starts: events (`good`, `total`) and,
 * for Timeslices, slices (`bad`, and `data` = slices with data). For
 * Occurrences, `data` only needs to be non-zero when there were events.
 *
 * @internal
 */
export interface SloRangeSums {
  good: number;
  total: number;
  bad: number;
  data: number;
}

/**
 * The sums an evaluation needs: over the window, over each lookback, and
 * over each range of each alert policy (as {@link sloSumRanges} lists them).
 *
 * @internal
 */
export interface SloSums {
  window: SloRangeSums;
  lookbacks: Record<BurnRateLookback, SloRangeSums>;
  policies: SloRangeSums[][];
}

/**
 * The ranges of bucket starts, as `(fromExclusive, toInclusive]`, that an
 * evaluation at `at` sums: the window (a calendar window includes its
 * first instant, hence `start − 1`), each burn-rate lookback, and the
 * lookbacks of each alert policy's condition at each minute of its
 * `alertAfter` (see `alertPolicyRanges`). A store
 * can sum these in SQL and call {@link evaluateSloFromSums}.
 *
 * @internal
 */
export function sloSumRanges(
  slo: SloDefinition,
  at: number,
): {
  window: SloSumRange;
  lookbacks: Record<BurnRateLookback, SloSumRange>;
  policies: SloSumRange[][];
} {
  const window = sloWindowAt(slo.timeWindow, at);
  const lookbacks = {} as Record<BurnRateLookback, SloSumRange>;
  for (const lookback of BURN_RATE_LOOKBACKS) {
    lookbacks[lookback] = {
      fromExclusive: at - parseSloDuration(lookback)!,
      toInclusive: at,
    };
  }
  return {
    window:
      window.kind === 'calendar'
        ? {
            fromExclusive: window.start - 1,
            toInclusive: Math.min(at, window.end - 1),
          }
        : { fromExclusive: window.start, toInclusive: at },
    lookbacks,
    policies: alertPolicyRanges(slo, at),
  };
}

/**
 * Computes an SLO's status at `at` from its measurement buckets, following
 * the definitions of the design (§4): attainment and error budget over the
 * window for both budgeting methods, burn rates over the standard
 * lookbacks, multi-window multi-burn-rate alerts with thresholds scaled to
 * the window, status and projected exhaustion.
 *
 * Buckets are counted by their start: a rolling window takes buckets with
 * `at − W < start ≤ at`, a calendar window those with
 * `periodStart ≤ start ≤ at`, a lookback those with `at − L < start ≤ at`.
 * Pure: no clock inside.
 *
 * @internal
 */
export function evaluateSlo(
  slo: SloDefinition,
  buckets: SliBucket[],
  at: number,
  options: EvaluateSloOptions = {},
): SloStatusReport {
  const sums = new PrefixSums(
    isSlicedSlo(slo)
      ? toSliceEntries(buckets, slo)
      : buckets.map(b => ({
          start: b.start,
          good: b.good,
          total: b.total,
          bad: 0,
          data: b.total > 0 ? 1 : 0,
        })),
  );
  const ranges = sloSumRanges(slo, at);
  const lookbacks = {} as Record<BurnRateLookback, SloRangeSums>;
  for (const lookback of BURN_RATE_LOOKBACKS) {
    const range = ranges.lookbacks[lookback];
    lookbacks[lookback] = sums.sum(range.fromExclusive, range.toInclusive);
  }
  const sumOf = (range: SloSumRange) =>
    sums.sum(range.fromExclusive, range.toInclusive);
  return evaluateSloFromSums(
    slo,
    {
      window: sumOf(ranges.window),
      lookbacks,
      policies: ranges.policies.map(policy => policy.map(sumOf)),
    },
    at,
    options,
  );
}

/**
 * The same computation as {@link evaluateSlo}, from sums already taken
 * over the ranges of {@link sloSumRanges} (for instance by SQL).
 *
 * @internal
 */
export function evaluateSloFromSums(
  slo: SloDefinition,
  sums: SloSums,
  at: number,
  options: EvaluateSloOptions = {},
): SloStatusReport {
  if (!slo.objectives || slo.objectives.length < 2) {
    return evaluateAtTarget(slo, sums, at, options);
  }
  // Each objective judges the same sums against its own target.
  const reports = slo.objectives.map(objective =>
    evaluateAtTarget({ ...slo, target: objective.target }, sums, at, options),
  );
  const objectives = slo.objectives.map(
    (objective, index): SloObjectiveReport => {
      const own = reports[index];
      return {
        ...(objective.displayName
          ? { displayName: objective.displayName }
          : {}),
        target: objective.target,
        attainment: own.attainment,
        errorBudget: own.errorBudget,
        burnRates: own.burnRates,
        alerts: own.alerts,
        suppressedAlerts: own.suppressedAlerts,
        policyAlerts: own.policyAlerts,
        status: own.status,
        projectedExhaustion: own.projectedExhaustion,
      };
    },
  );
  // The SLO shows its worst objective: usually the highest target, but
  // not always (a policy alerting on a burn rate below a threshold fires
  // sooner under a lower target); the first of equals.
  const rank = (r: SloStatusReport) => SLO_STATUS_SEVERITY.indexOf(r.status);
  const worst = reports.reduce((a, b) => (rank(b) < rank(a) ? b : a));
  return { ...worst, objectives };
}

/** The report for the SLO's `target` alone. */
function evaluateAtTarget(
  slo: SloDefinition,
  sums: SloSums,
  at: number,
  options: EvaluateSloOptions,
): SloStatusReport {
  const atRiskShare = options.atRiskShare ?? 0.25;
  const emptySlicesAreGood = options.emptySlicesAreGood ?? true;
  const window = sloWindowAt(slo.timeWindow, at);
  const ranges = sloSumRanges(slo, at);
  // 1 − 0.99 is 0.010000000000000009 in binary floating point; rounding to
  // 12 significant digits gives back the 0.01 the target means, so a budget
  // spent exactly reads 0 remaining, not 9e-16.
  const allowedBadRatio = Number((1 - slo.target).toPrecision(12));
  // Timeslices and RatioTimeslices alike: a slice's `bad` is how much of
  // it is bad (all or nothing, or its share of bad events).
  const timeslices = isSlicedSlo(slo);
  const sliceMs = timeslices ? sliceMsOf(slo) : 0;

  const inWindow = sums.window;
  const noData = timeslices ? inWindow.data === 0 : inWindow.total === 0;

  let attainment: number | null = null;
  let budgetTotal: number | null = null;
  let consumed: number | null = null;
  let slices: SloStatusReport['slices'];
  if (timeslices) {
    const elapsed = slicesBetween(
      ranges.window.fromExclusive,
      ranges.window.toInclusive,
      sliceMs,
    );
    const inWindowSlices = window.lengthMs / sliceMs;
    const bad =
      inWindow.bad + (emptySlicesAreGood ? 0 : elapsed - inWindow.data);
    slices = { good: elapsed - bad, bad, elapsed, inWindow: inWindowSlices };
    if (!noData) {
      attainment = (elapsed - bad) / elapsed;
      budgetTotal = allowedBadRatio * inWindowSlices;
      consumed = bad / budgetTotal;
    }
  } else if (!noData) {
    attainment = inWindow.good / inWindow.total;
    budgetTotal = allowedBadRatio * inWindow.total;
    consumed = (inWindow.total - inWindow.good) / budgetTotal;
  }
  const remaining = consumed === null ? null : 1 - consumed;

  /** The burn rate over one range: bad share over allowed bad share. */
  const burnRateOver = (
    part: SloRangeSums,
    range: SloSumRange,
  ): number | null => {
    if (timeslices ? part.data === 0 : part.total === 0) return null;
    if (!timeslices) {
      return (part.total - part.good) / part.total / allowedBadRatio;
    }
    const count = slicesBetween(
      range.fromExclusive,
      range.toInclusive,
      sliceMs,
    );
    const bad = part.bad + (emptySlicesAreGood ? 0 : count - part.data);
    return count === 0 ? null : bad / count / allowedBadRatio;
  };
  const burnRates = {} as Record<BurnRateLookback, number | null>;
  for (const lookback of BURN_RATE_LOOKBACKS) {
    burnRates[lookback] = burnRateOver(
      sums.lookbacks[lookback],
      ranges.lookbacks[lookback],
    );
  }

  // An SLO's own alert policies replace the default rules.
  const hasPolicies = (slo.alertPolicies?.length ?? 0) > 0;
  const policyAlerts: SloPolicyAlert[] = evaluateAlertPolicies(
    slo,
    sums.policies,
    ranges.policies,
    (index, instant) =>
      burnRateOver(
        sums.policies[index][instant],
        ranges.policies[index][instant],
      ),
  );
  const alerts: SloAlert[] = [];
  const suppressedAlerts: SloSuppressedAlert[] = [];
  for (const rule of hasPolicies ? [] : burnRateAlertRules(window.lengthMs)) {
    const long = burnRates[rule.longWindow];
    const short = burnRates[rule.shortWindow];
    const burning =
      long !== null &&
      short !== null &&
      long > rule.threshold &&
      short > rule.threshold;
    if (!burning) continue;
    // Events counted by the same bucket rule as the burn rate itself.
    const events = sums.lookbacks[rule.longWindow].total;
    if (slo.minEvents !== undefined && events < slo.minEvents) {
      suppressedAlerts.push({ ...rule, events, minEvents: slo.minEvents });
    } else {
      alerts.push(rule);
    }
  }

  // Without data in the window only missing-data alerts stand.
  const standingPolicyAlerts = policyAlerts.filter(
    a => remaining !== null || a.reason === 'no-data',
  );
  const firing = [
    ...(remaining === null ? [] : alerts.map(a => a.severity)),
    ...standingPolicyAlerts.filter(a => !a.suppressed).map(a => a.status),
  ];
  let status: SloStatusName;
  if (remaining === null) status = worseStatus(firing) ?? 'no-data';
  else if (remaining <= 0) status = 'exhausted';
  else
    status =
      worseStatus(firing) ?? (remaining < atRiskShare ? 'at-risk' : 'healthy');

  const dayRate = burnRates['1d'];
  const projectedExhaustion =
    remaining !== null && remaining > 0 && dayRate !== null && dayRate > 0
      ? new Date(at + (remaining * window.lengthMs) / dayRate).toISOString()
      : null;

  return {
    at: new Date(at).toISOString(),
    window: {
      start: new Date(window.start).toISOString(),
      end: new Date(window.end).toISOString(),
    },
    good: inWindow.good,
    total: inWindow.total,
    attainment,
    errorBudget: { total: budgetTotal, consumed, remaining },
    ...(slices ? { slices } : {}),
    burnRates,
    alerts: remaining === null ? [] : alerts,
    suppressedAlerts: remaining === null ? [] : suppressedAlerts,
    policyAlerts: standingPolicyAlerts,
    status,
    projectedExhaustion,
  };
}
