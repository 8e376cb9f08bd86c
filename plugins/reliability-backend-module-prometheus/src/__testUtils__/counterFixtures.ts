import { CounterSeries } from './startPrometheus';

/** Fixed instants in the past, so Prometheus serves them as history. */
export const T0 = Date.UTC(2026, 10, 20, 0, 0);
export const MIN = 60_000;
export const HOUR = 60 * MIN;
export const DAY = 24 * HOUR;

/** Minute `m` after T0. */
export const at = (m: number) => T0 + m * MIN;

/** Samples for minutes `first..last` (inclusive) not in `skip`. */
function minutes(
  first: number,
  last: number,
  value: (m: number) => number,
  skip: (m: number) => boolean = () => false,
): Array<[number, number]> {
  const samples: Array<[number, number]> = [];
  for (let m = first; m <= last; m++) {
    if (!skip(m)) samples.push([at(m), value(m)]);
  }
  return samples;
}

const series = (
  labels: Record<string, string>,
  samples: Array<[number, number]>,
): CounterSeries => ({ name: 'http_requests_total', labels, samples });

/**
 * The counters the tests query, one `job` per scenario, sampled every
 * minute on the minute from T0 − 2 h to T0 + 4 h (job `long`: 8 days).
 * The expected counts in the tests are worked out by hand from these.
 */
export const FIXTURES: CounterSeries[] = [
  // plain: per minute +10 and +5 good (code 200), +1 bad (code 500).
  series(
    { job: 'plain', code: '200', instance: 'a' },
    minutes(-120, 240, m => 1000 + 10 * (m + 120)),
  ),
  series(
    { job: 'plain', code: '200', instance: 'b' },
    minutes(-120, 240, m => 50 + 5 * (m + 120)),
  ),
  series(
    { job: 'plain', code: '500', instance: 'a' },
    minutes(-120, 240, m => 3 + (m + 120)),
  ),
  // reset: +10 per minute; the process restarts between minutes 29 and
  // 30 and has counted 4 by minute 30.
  series(
    { job: 'reset' },
    minutes(-120, 240, m => (m < 30 ? 10 * (m + 120) : 4 + 10 * (m - 30))),
  ),
  // gap: +10 per minute, samples missing at minutes 20-22 (shorter than
  // the 5-minute lookback), 60-79 (bridged), 130-209 (too long; the
  // counter restarted, at 5 by minute 210).
  series(
    { job: 'gap' },
    minutes(
      -120,
      240,
      m => (m < 210 ? 10 * (m + 120) : 5 + 10 * (m - 210)),
      m => (m >= 20 && m <= 22) || (m >= 60 && m < 80) || (m >= 130 && m < 210),
    ),
  ),
  // born: a +10 per minute throughout; b first appears at minute 30
  // holding 7, then +5 per minute.
  series(
    { job: 'born', instance: 'a' },
    minutes(-120, 240, m => 10 * (m + 120)),
  ),
  series(
    { job: 'born', instance: 'b' },
    minutes(30, 240, m => 7 + 5 * (m - 30)),
  ),
  // latency, a gauge for threshold metrics (milliseconds): a holds 600 at
  // every fourth minute (0, 4, 8, …) and 200 otherwise; b holds 450; c
  // holds no value (NaN) for minutes 0-9 and is gone after.
  {
    name: 'request_latency_ms',
    labels: { job: 'latency', instance: 'a' },
    samples: minutes(-120, 240, m => (m % 4 === 0 ? 600 : 200)),
  },
  {
    name: 'request_latency_ms',
    labels: { job: 'latency', instance: 'b' },
    samples: minutes(-120, 240, () => 450),
  },
  {
    name: 'request_latency_ms',
    labels: { job: 'latency', instance: 'c' },
    samples: minutes(0, 9, () => NaN),
  },
  // long (8 days before T0): a +3 per minute, restarting every 1000
  // minutes (it holds 3 right after each restart); b +2 per minute.
  series(
    { job: 'long', instance: 'a' },
    minutes(-8 * 24 * 60, 0, m => 3 * ((((m % 1000) + 1000) % 1000) + 1)),
  ),
  series(
    { job: 'long', instance: 'b' },
    minutes(-8 * 24 * 60, 0, m => 100 + 2 * (m + 8 * 24 * 60)),
  ),
];
