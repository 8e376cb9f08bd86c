import { burnRateAlertRules } from './burnRateAlertRules';
import { parseSloDuration } from './parseSloDuration';
import {
  BURN_RATE_LOOKBACKS,
  BurnRateLookback,
  SloAlert,
  SloDefinition,
  SloStatusName,
  SloStatusReport,
  SloSuppressedAlert,
} from './SloDefinition';
import { sloWindowAt } from './sloWindowAt';

/**
 * Counts of good and total events in one stored bucket.
 *
 * @internal
 */
export interface SliBucket {
  /** Bucket start, epoch ms. A bucket covers `[start, start + durationMs)`. */
  start: number;
  durationMs: number;
  good: number;
  total: number;
  /**
   * Rolled-up buckets of Timeslices SLOs only: how many of the SLO's slices
   * inside this bucket had data, and how many of those were bad, counted
   * when the finer buckets were rolled up (their ratios are gone by then).
   */
  dataSlices?: number;
  badSlices?: number;
}

/** @internal */
export interface EvaluateSloOptions {
  /** Remaining budget share below which a healthy SLO is `at-risk`. Default 0.25. */
  atRiskShare?: number;
  /** Timeslices: whether slices without data count as good. Default true. */
  emptySlicesAreGood?: boolean;
}

type Entry = {
  start: number;
  good: number;
  total: number;
  bad: number;
  data: number;
};

/**
 * Prefix sums over entries sorted by start, so any window or lookback sum
 * is two binary searches, never a rescan.
 */
class PrefixSums {
  private readonly starts: number[];
  private readonly sums: {
    good: number[];
    total: number[];
    bad: number[];
    data: number[];
  };

  constructor(entries: Entry[]) {
    const sorted = [...entries].sort((a, b) => a.start - b.start);
    this.starts = sorted.map(e => e.start);
    const prefix = (pick: (e: Entry) => number) => {
      const out = [0];
      for (const e of sorted) out.push(out[out.length - 1] + pick(e));
      return out;
    };
    this.sums = {
      good: prefix(e => e.good),
      total: prefix(e => e.total),
      bad: prefix(e => e.bad),
      data: prefix(e => e.data),
    };
  }

  /** Index of the first entry whose start is greater than `value`. */
  private upperBound(value: number): number {
    let lo = 0;
    let hi = this.starts.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.starts[mid] <= value) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Sums over entries with `fromExclusive < start <= toInclusive`. */
  sum(fromExclusive: number, toInclusive: number) {
    const i = this.upperBound(fromExclusive);
    const j = this.upperBound(toInclusive);
    if (j <= i) return { good: 0, total: 0, bad: 0, data: 0 };
    return {
      good: this.sums.good[j] - this.sums.good[i],
      total: this.sums.total[j] - this.sums.total[i],
      bad: this.sums.bad[j] - this.sums.bad[i],
      data: this.sums.data[j] - this.sums.data[i],
    };
  }
}

/** Slice starts (multiples of `sliceMs`) in `(fromExclusive, toInclusive]`. */
function slicesBetween(
  fromExclusive: number,
  toInclusive: number,
  sliceMs: number,
): number {
  return Math.max(
    0,
    Math.floor(toInclusive / sliceMs) - Math.floor(fromExclusive / sliceMs),
  );
}

function toSliceEntries(
  buckets: SliBucket[],
  sliceMs: number,
  sliceTarget: number,
): Entry[] {
  const isBad = (good: number, total: number) =>
    total > 0 && good / total < sliceTarget;
  const slices = new Map<number, Entry>();
  const entries: Entry[] = [];
  for (const bucket of buckets) {
    if (bucket.durationMs >= sliceMs) {
      // A rolled-up bucket carries its slice counts; without them the
      // bucket can only be judged as a whole.
      const count = Math.round(bucket.durationMs / sliceMs);
      const data = bucket.dataSlices ?? (bucket.total > 0 ? count : 0);
      const bad =
        bucket.badSlices ?? (isBad(bucket.good, bucket.total) ? count : 0);
      entries.push({
        start: bucket.start,
        good: bucket.good,
        total: bucket.total,
        bad,
        data,
      });
      continue;
    }
    const sliceStart = Math.floor(bucket.start / sliceMs) * sliceMs;
    const slice = slices.get(sliceStart) ?? {
      start: sliceStart,
      good: 0,
      total: 0,
      bad: 0,
      data: 0,
    };
    slice.good += bucket.good;
    slice.total += bucket.total;
    slices.set(sliceStart, slice);
  }
  for (const slice of slices.values()) {
    slice.data = slice.total > 0 ? 1 : 0;
    slice.bad = isBad(slice.good, slice.total) ? 1 : 0;
    entries.push(slice);
  }
  return entries;
}

/**
 * Counts the slices of a Timeslices SLO within buckets about to be rolled
 * up, so the coarser bucket keeps what its ratios can no longer tell.
 *
 * @internal
 */
export function countTimeSlices(
  slo: SloDefinition,
  buckets: SliBucket[],
): { dataSlices: number; badSlices: number } {
  const sliceMs = parseSloDuration(slo.timeSliceWindow ?? '1m') ?? 60_000;
  const entries = toSliceEntries(
    buckets,
    sliceMs,
    slo.timeSliceTarget ?? slo.target,
  );
  return {
    dataSlices: entries.reduce((sum, e) => sum + e.data, 0),
    badSlices: entries.reduce((sum, e) => sum + e.bad, 0),
  };
}

function worseStatus(alerts: SloAlert[]): SloStatusName | undefined {
  if (alerts.some(a => a.severity === 'page')) return 'page';
  if (alerts.some(a => a.severity === 'ticket')) return 'ticket';
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
 * The sums an evaluation needs: over the window and over each lookback.
 *
 * @internal
 */
export interface SloSums {
  window: SloRangeSums;
  lookbacks: Record<BurnRateLookback, SloRangeSums>;
}

/**
 * The ranges of bucket starts, as `(fromExclusive, toInclusive]`, that an
 * evaluation at `at` sums: the window (a calendar window includes its
 * first instant, hence `start − 1`) and each burn-rate lookback. A store
 * can sum these in SQL and call {@link evaluateSloFromSums}.
 *
 * @internal
 */
export function sloSumRanges(
  slo: SloDefinition,
  at: number,
): {
  window: { fromExclusive: number; toInclusive: number };
  lookbacks: Record<
    BurnRateLookback,
    { fromExclusive: number; toInclusive: number }
  >;
} {
  const window = sloWindowAt(slo.timeWindow, at);
  const lookbacks = {} as Record<
    BurnRateLookback,
    { fromExclusive: number; toInclusive: number }
  >;
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
  const timeslices = slo.budgetingMethod === 'Timeslices';
  const sliceMs = timeslices
    ? parseSloDuration(slo.timeSliceWindow ?? '1m') ?? 60_000
    : 0;
  const sums = new PrefixSums(
    timeslices
      ? toSliceEntries(buckets, sliceMs, slo.timeSliceTarget ?? slo.target)
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
  return evaluateSloFromSums(
    slo,
    {
      window: sums.sum(ranges.window.fromExclusive, ranges.window.toInclusive),
      lookbacks,
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
  const atRiskShare = options.atRiskShare ?? 0.25;
  const emptySlicesAreGood = options.emptySlicesAreGood ?? true;
  const window = sloWindowAt(slo.timeWindow, at);
  const ranges = sloSumRanges(slo, at);
  // 1 − 0.99 is 0.010000000000000009 in binary floating point; rounding to
  // 12 significant digits gives back the 0.01 the target means, so a budget
  // spent exactly reads 0 remaining, not 9e-16.
  const allowedBadRatio = Number((1 - slo.target).toPrecision(12));
  const timeslices = slo.budgetingMethod === 'Timeslices';
  const sliceMs = timeslices
    ? parseSloDuration(slo.timeSliceWindow ?? '1m') ?? 60_000
    : 0;

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

  const burnRates = {} as Record<BurnRateLookback, number | null>;
  for (const lookback of BURN_RATE_LOOKBACKS) {
    const part = sums.lookbacks[lookback];
    const range = ranges.lookbacks[lookback];
    if (timeslices ? part.data === 0 : part.total === 0) {
      burnRates[lookback] = null;
    } else if (timeslices) {
      const count = slicesBetween(
        range.fromExclusive,
        range.toInclusive,
        sliceMs,
      );
      const bad = part.bad + (emptySlicesAreGood ? 0 : count - part.data);
      burnRates[lookback] = count === 0 ? null : bad / count / allowedBadRatio;
    } else {
      burnRates[lookback] =
        (part.total - part.good) / part.total / allowedBadRatio;
    }
  }

  const alerts: SloAlert[] = [];
  const suppressedAlerts: SloSuppressedAlert[] = [];
  for (const rule of burnRateAlertRules(window.lengthMs)) {
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

  let status: SloStatusName;
  if (remaining === null) status = 'no-data';
  else if (remaining <= 0) status = 'exhausted';
  else
    status =
      worseStatus(alerts) ?? (remaining < atRiskShare ? 'at-risk' : 'healthy');

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
    alerts: status === 'no-data' ? [] : alerts,
    suppressedAlerts: status === 'no-data' ? [] : suppressedAlerts,
    status,
    projectedExhaustion,
  };
}
