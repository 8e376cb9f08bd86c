import { PrometheusSeries } from './PrometheusClient';

/** The step Prometheus is queried at, whatever the buckets' size. */
export const MINUTE_MS = 60_000;

/**
 * How long a series may be missing and still have the increase across the
 * gap counted. Queries start this long before the range asked for, so
 * whether a sample is bridged to the one before it never depends on where
 * a range starts: pulling a day at once or minute by minute gives the same
 * counts.
 */
export const GAP_BRIDGE_MS = 60 * MINUTE_MS;

/**
 * Sums the increases of raw counter series per bucket, from the samples a
 * 1-minute `query_range` returns. Feed it the chunks of one query in time
 * order; the last sample of each series is kept between chunks.
 *
 * The rules, per series (its labels are its identity):
 *
 * - The increase between consecutive samples at `p < t` is `v(t) - v(p)`,
 *   or `v(t)` when the value went down: the counter restarted from 0
 *   (a process restart), so everything it holds is new. Nothing is
 *   extrapolated: only the difference of real samples is counted, unlike
 *   Prometheus's `increase()`, which stretches the difference to the
 *   window's edges and returns fractions (144.1 for 144 events).
 * - The increase is counted in the bucket containing `t - 1 minute`: for
 *   samples a minute apart, the bucket containing `p`.
 * - Gaps. A gap shorter than Prometheus's lookback delta (5 minutes by
 *   default) is filled by Prometheus with the last value, so it shows as
 *   zero increases and the whole increase lands in the minute before the
 *   series comes back. A longer gap, up to {@link GAP_BRIDGE_MS} between
 *   returned samples, is bridged the same way here. After a longer gap the
 *   sample is a new baseline: what happened during the gap is not counted.
 * - A series' first sample (at the range's start, or when it first appears
 *   mid-range) is only a baseline and counts nothing, as in `increase()`:
 *   there is no way to tell a new counter from a long-running one that
 *   comes back, and counting the latter from zero would count its whole
 *   history at once. So the events a new series holds at its first scrape
 *   are not counted (its later increases are).
 */
export class CounterIncreases {
  private readonly last = new Map<string, { t: number; v: number }>();
  private readonly sums = new Map<number, number>();

  constructor(
    private readonly range: { from: number; to: number; bucketMs: number },
  ) {}

  /** Adds one chunk's series (samples in time order, as Prometheus sends). */
  add(series: PrometheusSeries[]): void {
    for (const { metric, values } of series) {
      const key = seriesKey(metric);
      let previous = this.last.get(key);
      for (const [seconds, text] of values) {
        const t = Math.round(seconds * 1000);
        const v = Number(text);
        // A sample at or before the last one seen is a repeat, not news.
        if (previous && t <= previous.t) continue;
        if (previous && t - previous.t <= GAP_BRIDGE_MS) {
          const increase = v >= previous.v ? v - previous.v : v;
          if (increase > 0) this.count(t - MINUTE_MS, increase);
        }
        previous = { t, v };
      }
      if (previous) this.last.set(key, previous);
    }
  }

  /** Sum of increases per bucket start; buckets without events are absent. */
  buckets(): Map<number, number> {
    return this.sums;
  }

  private count(minute: number, increase: number): void {
    const { from, to, bucketMs } = this.range;
    if (minute < from || minute >= to) return;
    const start = minute - ((minute - from) % bucketMs);
    this.sums.set(start, (this.sums.get(start) ?? 0) + increase);
  }
}

/** A series' identity: its label set, in a stable order. */
function seriesKey(metric: Record<string, string>): string {
  return JSON.stringify(
    // Label names are unique, so the order is total.
    Object.entries(metric).sort(([a], [b]) => (a < b ? -1 : 1)),
  );
}
