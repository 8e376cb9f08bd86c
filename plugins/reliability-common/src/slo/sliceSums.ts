import { parseSloDuration } from './parseSloDuration';
import { SloDefinition } from './SloDefinition';

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
  /**
   * Rolled-up buckets of RatioTimeslices SLOs only: the sum over the
   * bucket's slices of each one's shortfall, 1 − good/total (slices without
   * events fall short by nothing).
   */
  sliceShortfall?: number;
}

/**
 * What a rollup keeps of a sliced SLO's slices: how many had data, and
 * how many were bad (Timeslices) or how far they fell short in all
 * (RatioTimeslices).
 *
 * @internal
 */
export interface SliceCounts {
  dataSlices: number;
  badSlices?: number;
  sliceShortfall?: number;
}

/**
 * Whether an SLO is judged slice by slice: Timeslices (each slice good or
 * bad by `timeSliceTarget`) or RatioTimeslices (each slice by its ratio).
 *
 * @public
 */
export function isSlicedSlo(slo: Pick<SloDefinition, 'budgetingMethod'>) {
  return (
    slo.budgetingMethod === 'Timeslices' ||
    slo.budgetingMethod === 'RatioTimeslices'
  );
}

/**
 * A sliced SLO's slice length in ms.
 *
 * @internal
 */
export function sliceMsOf(slo: SloDefinition): number {
  return parseSloDuration(slo.timeSliceWindow ?? '1m') ?? 60_000;
}

/**
 * How much of one slice with these events is bad: for Timeslices 1 when
 * its ratio is under `timeSliceTarget` and 0 otherwise; for
 * RatioTimeslices its share of bad events, 1 − good/total. A slice
 * without events falls short by nothing here (whether empty slices count
 * as bad is the evaluation's option).
 */
function shortfallOf(slo: SloDefinition, good: number, total: number) {
  if (total === 0) return 0;
  if (slo.budgetingMethod === 'RatioTimeslices') return 1 - good / total;
  return good / total < (slo.timeSliceTarget ?? slo.target) ? 1 : 0;
}

/**
 * One bucket or slice as the sums see it.
 *
 * @internal
 */
export type Entry = {
  start: number;
  good: number;
  total: number;
  bad: number;
  data: number;
};

/**
 * Prefix sums over entries sorted by start, so any window or lookback sum
 * is two binary searches, never a rescan.
 *
 * @internal
 */
export class PrefixSums {
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

/**
 * Slice starts (multiples of `sliceMs`) in `(fromExclusive, toInclusive]`.
 *
 * @internal
 */
export function slicesBetween(
  fromExclusive: number,
  toInclusive: number,
  sliceMs: number,
): number {
  return Math.max(
    0,
    Math.floor(toInclusive / sliceMs) - Math.floor(fromExclusive / sliceMs),
  );
}

/**
 * A sliced SLO's buckets as entries for the sums: a rolled-up bucket as it
 * is, with its slice counts; finer buckets merged into their slices.
 *
 * @internal
 */
export function toSliceEntries(
  buckets: SliBucket[],
  slo: SloDefinition,
): Entry[] {
  const sliceMs = sliceMsOf(slo);
  const ratio = slo.budgetingMethod === 'RatioTimeslices';
  const slices = new Map<number, Entry>();
  const entries: Entry[] = [];
  for (const bucket of buckets) {
    if (bucket.durationMs >= sliceMs) {
      // A rolled-up bucket carries its slice counts; without them the
      // bucket can only be judged as a whole.
      const count = Math.round(bucket.durationMs / sliceMs);
      const data = bucket.dataSlices ?? (bucket.total > 0 ? count : 0);
      // Without its own counts (rolled up under another budgeting method)
      // the bucket is judged as a whole, over the slices that had data.
      const bad =
        (ratio ? bucket.sliceShortfall : bucket.badSlices) ??
        data * shortfallOf(slo, bucket.good, bucket.total);
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
    slice.bad = shortfallOf(slo, slice.good, slice.total);
    entries.push(slice);
  }
  return entries;
}

/**
 * Counts the slices of a sliced SLO within buckets about to be rolled up,
 * so the coarser bucket keeps what its ratios can no longer tell.
 *
 * @internal
 */
export function countTimeSlices(
  slo: SloDefinition,
  buckets: SliBucket[],
): SliceCounts {
  const entries = toSliceEntries(buckets, slo);
  const dataSlices = entries.reduce((sum, e) => sum + e.data, 0);
  const bad = entries.reduce((sum, e) => sum + e.bad, 0);
  return slo.budgetingMethod === 'RatioTimeslices'
    ? { dataSlices, sliceShortfall: bad }
    : { dataSlices, badSlices: bad };
}
