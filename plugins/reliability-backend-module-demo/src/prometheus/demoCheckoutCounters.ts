import { DAY_MS, HOUR_MS, MINUTE_MS } from '../demoClock';
import { CounterSeries } from './openMetrics';

/** The counter the demo Prometheus serves, as the example SLO queries it. */
export const DEMO_COUNTER = 'checkout_orders_total';
/** Its `job` label. */
export const DEMO_JOB = 'checkout-api';
/** The two pods that serve orders, as `instance` labels. */
export const DEMO_PODS = ['checkout-api-a', 'checkout-api-b'] as const;

/**
 * Orders a minute each pod takes, by hour of the day (UTC): quiet nights,
 * a peak around midday and in the evening. 2,120 an hour summed over the
 * day, so 127,200 orders a pod a day.
 */
export const ORDERS_PER_MINUTE_BY_HOUR: readonly number[] = [
  40, 30, 25, 20, 20, 25, 40, 70, 100, 120, 130, 140, 140, 130, 130, 120, 120,
  130, 140, 130, 110, 90, 70, 50,
];

/** Share of pod b's orders that fail during the incident. */
const INCIDENT_ERROR_RATE = 0.05;

/**
 * When the demo's incident happened, relative to `anchorMs` (the backend's
 * start): pod b fails 5 % of its orders for the two whole hours ending 5
 * days before the anchor's hour, then is restarted, which resets its
 * counters.
 */
export function demoIncident(anchorMs: number): {
  fromMs: number;
  toMs: number;
} {
  const toMs = Math.floor(anchorMs / HOUR_MS) * HOUR_MS - 5 * DAY_MS;
  return { fromMs: toMs - 2 * HOUR_MS, toMs };
}

/**
 * The orders each pod took in the minute starting at `minuteMs`, and how
 * many failed: outside the incident each pod fails one order an hour (pod
 * a in the minute :00, pod b in :30); during it pod b fails 5 % of its
 * orders (rounded down).
 */
export function demoCheckoutMinute(
  minuteMs: number,
  anchorMs: number,
): Array<{ instance: string; orders: number; errors: number }> {
  const date = new Date(minuteMs);
  const orders = ORDERS_PER_MINUTE_BY_HOUR[date.getUTCHours()];
  const minute = date.getUTCMinutes();
  const incident = demoIncident(anchorMs);
  const inIncident = minuteMs >= incident.fromMs && minuteMs < incident.toMs;
  return DEMO_PODS.map((instance, pod) => {
    let errors = minute === pod * 30 ? 1 : 0;
    if (pod === 1 && inIncident) {
      errors = Math.floor(orders * INCIDENT_ERROR_RATE);
    }
    return { instance, orders, errors };
  });
}

/**
 * The demo checkout's counters, as Prometheus would have scraped them once
 * a minute, on the whole minutes from `fromMs` to `toMs` (both rounded
 * down to the minute): `checkout_orders_total` per pod and `outcome` (`ok`,
 * `error`). A sample at `t` holds the orders of the minutes before `t`
 * since the counter started: every series starts at 0 at `fromMs`, and pod
 * b's start again from 0 after its restart at the incident's end (its
 * sample there still holds the minute before; the next one holds only the
 * minute after the restart).
 */
export function demoCheckoutCounters(options: {
  fromMs: number;
  toMs: number;
  anchorMs: number;
}): CounterSeries[] {
  const first = Math.floor(options.fromMs / MINUTE_MS) * MINUTE_MS;
  const last = Math.floor(options.toMs / MINUTE_MS) * MINUTE_MS;
  const restartAt = demoIncident(options.anchorMs).toMs;
  const series = DEMO_PODS.flatMap(instance =>
    (['ok', 'error'] as const).map(outcome => ({
      name: DEMO_COUNTER,
      labels: { job: DEMO_JOB, instance, outcome },
      samples: [] as Array<[number, number]>,
    })),
  );
  const counts = series.map(() => 0);
  for (let t = first; t <= last; t += MINUTE_MS) {
    series.forEach((s, i) => s.samples.push([t, counts[i]]));
    if (t === restartAt) {
      counts[2] = 0;
      counts[3] = 0;
    }
    demoCheckoutMinute(t, options.anchorMs).forEach((pod, p) => {
      counts[2 * p] += pod.orders - pod.errors;
      counts[2 * p + 1] += pod.errors;
    });
  }
  return series;
}
