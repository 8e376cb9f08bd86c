import { CounterSeries } from './openMetrics';
import { demoCheckoutCounters, demoIncident } from './demoCheckoutCounters';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const utc = (iso: string) => Date.parse(`${iso}Z`);

// The backend started at 12:00:30 on 23 November: the incident is 10:00
// to 12:00 on the 18th, and pod b restarts at 12:00.
const anchorMs = utc('2026-11-23T12:00:30');

/**
 * The events between the samples at `from` and `to`, summed over the
 * series: each step's difference, or the new value where the counter went
 * down (it restarted from 0), as the Prometheus module counts them.
 */
function increase(
  series: CounterSeries[],
  from: number,
  to: number,
  outcome: 'ok' | 'error',
  instance?: string,
): number {
  let sum = 0;
  for (const s of series) {
    if (s.labels.outcome !== outcome) continue;
    if (instance && s.labels.instance !== instance) continue;
    const samples = s.samples.filter(([t]) => t >= from && t <= to);
    for (let i = 1; i < samples.length; i++) {
      const [prev, next] = [samples[i - 1][1], samples[i][1]];
      sum += next >= prev ? next - prev : next;
    }
  }
  return sum;
}

const value = (s: CounterSeries, t: number) =>
  s.samples.find(([at]) => at === t)![1];

describe('demoCheckoutCounters', () => {
  const series = demoCheckoutCounters({
    fromMs: utc('2026-11-18T09:00'),
    toMs: utc('2026-11-18T13:00:59'),
    anchorMs,
  });
  const [aOk, aError, bOk, bError] = series;

  it('has an ok and an error counter per pod, sampled every whole minute from 0', () => {
    expect(series.map(s => s.labels)).toEqual([
      { job: 'checkout-api', instance: 'checkout-api-a', outcome: 'ok' },
      { job: 'checkout-api', instance: 'checkout-api-a', outcome: 'error' },
      { job: 'checkout-api', instance: 'checkout-api-b', outcome: 'ok' },
      { job: 'checkout-api', instance: 'checkout-api-b', outcome: 'error' },
    ]);
    expect(series.every(s => s.name === 'checkout_orders_total')).toBe(true);
    // 09:00 to 13:00 inclusive: 241 samples each.
    expect(series.map(s => s.samples.length)).toEqual([241, 241, 241, 241]);
    expect(aOk.samples[0]).toEqual([utc('2026-11-18T09:00'), 0]);
    // 120 orders in the minute 09:00, and pod a's error of the hour.
    expect(aOk.samples[1]).toEqual([utc('2026-11-18T09:01'), 119]);
    expect(aError.samples[1]).toEqual([utc('2026-11-18T09:01'), 1]);
  });

  it('counts a quiet hour: 120 orders a minute a pod, one error each', () => {
    const from = utc('2026-11-18T09:00');
    const to = utc('2026-11-18T10:00');
    // 2 pods × 60 minutes × 120 = 14,400 orders, 2 of them errors.
    expect(increase(series, from, to, 'ok')).toBe(14_398);
    expect(increase(series, from, to, 'error')).toBe(2);
  });

  it('counts the incident: pod b fails 5 % of its orders', () => {
    expect(demoIncident(anchorMs)).toEqual({
      fromMs: utc('2026-11-18T10:00'),
      toMs: utc('2026-11-18T12:00'),
    });
    // 10:00-11:00, 130 a minute a pod: 15,600 orders; pod a fails 1 (at
    // 10:00), pod b floor(130 × 5 %) = 6 a minute, 360.
    let from = utc('2026-11-18T10:00');
    let to = utc('2026-11-18T11:00');
    expect(increase(series, from, to, 'ok')).toBe(15_239);
    expect(increase(series, from, to, 'error')).toBe(361);
    // 11:00-12:00, 140 a minute a pod: 16,800; 1 + 7 × 60 = 421 errors.
    from = to;
    to = utc('2026-11-18T12:00');
    expect(increase(series, from, to, 'ok')).toBe(16_379);
    expect(increase(series, from, to, 'error')).toBe(421);
  });

  it("resets pod b's counters at the incident's end, losing no order", () => {
    const restart = utc('2026-11-18T12:00');
    // Its sample at 12:00 still holds 09:00-11:59: 3 hours of orders less
    // errors (1 at 09:30, 360 and 420 in the incident).
    expect(value(bOk, restart)).toBe(60 * (120 + 130 + 140) - 781);
    expect(value(bError, restart)).toBe(781);
    // The next holds only the minute 12:00 (140 orders, no error).
    expect(value(bOk, restart + MIN)).toBe(140);
    expect(value(bError, restart + MIN)).toBe(0);
    // Pod a runs on.
    expect(value(aOk, restart + MIN)).toBe(value(aOk, restart) + 139);
    expect(value(aError, restart + MIN)).toBe(value(aError, restart) + 1);
    // 12:00-13:00 across the reset: 60 × 140 less pod b's error at 12:30.
    expect(
      increase(series, restart, restart + HOUR, 'ok', 'checkout-api-b'),
    ).toBe(8_399);
    expect(increase(series, restart, restart + HOUR, 'ok')).toBe(16_798);
  });

  it('leaves 71 % of a 99.9 % budget over the 30 days up to the start', () => {
    const to = utc('2026-11-23T12:00');
    const from = to - 30 * DAY;
    const month = demoCheckoutCounters({ fromMs: from, toMs: to, anchorMs });
    // 30 days × 2 pods × 127,200 orders = 7,632,000. Errors: one an hour
    // a pod, 1,440, less pod b's two the incident replaces (10:30, 11:30),
    // plus its 360 + 420 there: 2,218, 29 % of the 7,632 allowed.
    const good = increase(month, from, to, 'ok');
    const bad = increase(month, from, to, 'error');
    expect(good + bad).toBe(7_632_000);
    expect(bad).toBe(2_218);
    const remaining = 1 - bad / (0.001 * (good + bad));
    expect(remaining).toBeCloseTo(0.709, 3);
  });
});
