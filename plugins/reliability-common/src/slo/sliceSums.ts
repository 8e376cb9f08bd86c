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
}

/** One bucket or slice as the sums see it. */
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

/** Slice starts (multiples of `sliceMs`) in `(fromExclusive, toInclusive]`. */
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

export function toSliceEntries(
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
