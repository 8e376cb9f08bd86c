import {
  SliAnswer,
  SliMetricSource,
} from '@reliability-suite/plugin-reliability-node';
import { SloDefinition } from '@reliability-suite/plugin-reliability-common';
import {
  DAY,
  FIXTURES,
  HOUR,
  MIN,
  T0,
  at,
} from './__testUtils__/counterFixtures';
import { startPrometheus } from './__testUtils__/startPrometheus';
import {
  MAX_POINTS_PER_QUERY,
  PrometheusSliProvider,
} from './PrometheusSliProvider';
import { DEFAULT_TIMEOUT_MS } from './readPrometheusConfig';

jest.setTimeout(30_000);

let prometheus: Awaited<ReturnType<typeof startPrometheus>>;
let provider: PrometheusSliProvider;

beforeAll(async () => {
  prometheus = await startPrometheus(FIXTURES);
  provider = new PrometheusSliProvider({
    config: {
      servers: [
        {
          name: 'main',
          baseUrl: `${prometheus.url}/`,
          headers: {},
          timeoutMs: DEFAULT_TIMEOUT_MS,
          configKey: 'reliability.prometheus.servers[0]',
        },
      ],
    },
  });
}, 60_000);

afterAll(async () => {
  await prometheus?.stop();
});

const source = (query: string): SliMetricSource => ({
  type: 'Prometheus',
  metricSourceRef: 'main',
  spec: { query },
});

function pull(
  good: string,
  total: string,
  from: number,
  to: number,
  stepMs: number,
) {
  return provider.fetchCounts({
    entityRef: 'component:default/checkout',
    slo: { name: 'availability' } as SloDefinition,
    good: source(good),
    total: source(total),
    from,
    to,
    stepMs,
    signal: new AbortController().signal,
  });
}

const both = (query: string, from: number, to: number, stepMs: number) =>
  pull(query, query, from, to, stepMs);

describe('PrometheusSliProvider against Prometheus', () => {
  const good = 'http_requests_total{job="plain",code!~"5.."}';
  const total = 'http_requests_total{job="plain"}';

  it('sums good and total per minute across series', async () => {
    // Per minute: +10 and +5 good, +1 bad. The minute T0 holds the
    // increase from the sample at T0 to the one at T0 + 1 min.
    await expect(pull(good, total, at(0), at(3), MIN)).resolves.toEqual({
      buckets: [
        { start: at(0), good: 15, total: 16 },
        { start: at(1), good: 15, total: 16 },
        { start: at(2), good: 15, total: 16 },
      ],
    });
  });

  it('sums per hour from the minutes', async () => {
    const answer = await pull(good, total, T0, T0 + 3 * HOUR, HOUR);
    expect(answer.buckets).toEqual(
      [0, 1, 2].map(h => ({
        start: T0 + h * HOUR,
        good: 900,
        total: 960,
      })),
    );
  });

  it('leaves out buckets without events (after the data ends)', async () => {
    // The counters stop at T0 + 4 h: only the hour before has events.
    const answer = await pull(good, total, T0 + 3 * HOUR, T0 + 6 * HOUR, HOUR);
    expect(answer.buckets).toEqual([
      { start: T0 + 3 * HOUR, good: 900, total: 960 },
    ]);
  });

  it('counts the new value after a counter reset', async () => {
    const q = 'http_requests_total{job="reset"}';
    expect((await both(q, at(28), at(31), MIN)).buckets).toEqual([
      { start: at(28), good: 10, total: 10 },
      { start: at(29), good: 4, total: 4 }, // restarted, counted 4
      { start: at(30), good: 10, total: 10 },
    ]);
    // The hour: 59 minutes of 10, and 4 in the minute of the restart.
    expect((await both(q, T0, T0 + HOUR, HOUR)).buckets).toEqual([
      { start: T0, good: 594, total: 594 },
    ]);
  });

  it('counts across gaps in the minute before the series comes back', async () => {
    const q = 'http_requests_total{job="gap"}';
    // Samples 20-22 missing: Prometheus repeats minute 19's value (within
    // its 5-minute lookback), so minutes 19-21 show nothing and minute 22
    // gets the 40 events of the four minutes.
    expect((await both(q, at(18), at(24), MIN)).buckets).toEqual([
      { start: at(18), good: 10, total: 10 },
      { start: at(22), good: 40, total: 40 },
      { start: at(23), good: 10, total: 10 },
    ]);
    // Samples 60-79 missing: bridged, 210 events in minute 79.
    expect((await both(q, at(78), at(81), MIN)).buckets).toEqual([
      { start: at(79), good: 210, total: 210 },
      { start: at(80), good: 10, total: 10 },
    ]);
    // Per hour: minute 59's events land in hour 1 (with the gap's); the
    // 80-minute gap from 130 is too long to bridge, so minute 129 to 209
    // count nothing and counting restarts from the sample at 210.
    expect((await both(q, T0, T0 + 4 * HOUR, HOUR)).buckets).toEqual([
      { start: T0, good: 590, total: 590 },
      { start: T0 + HOUR, good: 610, total: 610 },
      { start: T0 + 2 * HOUR, good: 90, total: 90 },
      { start: T0 + 3 * HOUR, good: 300, total: 300 },
    ]);
  });

  it('takes the first sample of a series appearing mid-range as its baseline', async () => {
    const q = 'http_requests_total{job="born"}';
    // b appears at minute 30 holding 7: not counted; from then on +5.
    expect((await both(q, at(28), at(32), MIN)).buckets).toEqual([
      { start: at(28), good: 10, total: 10 },
      { start: at(29), good: 10, total: 10 },
      { start: at(30), good: 15, total: 15 },
      { start: at(31), good: 15, total: 15 },
    ]);
    expect((await both(q, T0, T0 + HOUR, HOUR)).buckets).toEqual([
      { start: T0, good: 750, total: 750 },
    ]);
  });

  it('chunks ranges over 10,000 steps, with the same counts as small ranges', async () => {
    const goodQ = 'http_requests_total{job="long",instance="a"}';
    const totalQ = 'http_requests_total{job="long"}';
    const from = T0 - 7 * DAY;
    const fetchSpy = jest.spyOn(global, 'fetch');
    const week = await pull(goodQ, totalQ, from, T0, HOUR);
    const steps = fetchSpy.mock.calls.map(([, init]) => {
      const body = new URLSearchParams(String(init!.body));
      return (Number(body.get('end')) - Number(body.get('start'))) / 60 + 1;
    });
    fetchSpy.mockRestore();
    // 7 days and the hour of baselines: 10,141 points, two chunks a side.
    expect(steps).toHaveLength(4);
    expect(Math.max(...steps)).toBeLessThanOrEqual(MAX_POINTS_PER_QUERY);
    // a: 3 per minute (resets every 1000 minutes included), b: 2.
    expect(week.buckets).toHaveLength(7 * 24);
    expect(week.buckets.every(b => b.good === 180 && b.total === 300)).toBe(
      true,
    );

    const days: SliAnswer['buckets'] = [];
    for (let d = 0; d < 7; d++) {
      const start = from + d * DAY;
      days.push(
        ...(await pull(goodQ, totalQ, start, start + DAY, MIN)).buckets,
      );
    }
    expect(days).toHaveLength(7 * 24 * 60);
    const sum = (bs: typeof days) =>
      bs.reduce(
        (s, b) => ({ good: s.good + b.good, total: s.total + b.total }),
        {
          good: 0,
          total: 0,
        },
      );
    expect(sum(days)).toEqual(sum(week.buckets));
    // And hour by hour: the minutes of each hour add up to its bucket.
    const hours = new Map<number, { good: number; total: number }>();
    for (const b of days) {
      const hour = b.start - (b.start % HOUR);
      const h = hours.get(hour) ?? { good: 0, total: 0 };
      hours.set(hour, { good: h.good + b.good, total: h.total + b.total });
    }
    expect([...hours].map(([start, h]) => ({ start, ...h }))).toEqual(
      week.buckets,
    );
    expect(sum(days)).toEqual({ good: 3 * 10080, total: 5 * 10080 });
  });

  it('reaches a configured server through an OpenSLO DataSource, by name or url', async () => {
    const viaDataSource = (connectionDetails: unknown): SliMetricSource => ({
      type: 'Prometheus',
      metricSourceRef: 'prod-prometheus',
      spec: { query: good },
      dataSource: {
        name: 'prod-prometheus',
        type: 'Prometheus',
        connectionDetails,
      },
    });
    const ask = (connectionDetails: unknown) =>
      provider.fetchCounts({
        entityRef: 'component:default/checkout',
        slo: { name: 'availability' } as SloDefinition,
        good: viaDataSource(connectionDetails),
        total: { ...viaDataSource(connectionDetails), spec: { query: total } },
        from: at(0),
        to: at(1),
        stepMs: MIN,
        signal: new AbortController().signal,
      });
    const minute = { buckets: [{ start: at(0), good: 15, total: 16 }] };
    await expect(ask({ server: 'main' })).resolves.toEqual(minute);
    // The url without its slash is the same server.
    await expect(ask({ url: prometheus.url })).resolves.toEqual(minute);
    expect(
      provider.handles(
        viaDataSource({ server: 'main' }),
        viaDataSource({ server: 'main' }),
      ),
    ).toBe(true);
    // Only configured servers are contacted, whatever the file says.
    const elsewhere = viaDataSource({ url: 'http://127.0.0.1:1/' });
    expect(provider.handles(elsewhere, elsewhere)).toBe(false);
    await expect(ask({ url: 'http://127.0.0.1:1/' })).rejects.toThrow(
      "Cannot pull good events from Prometheus: DataSource 'prod-prometheus' has the url http://127.0.0.1:1/, which is the baseUrl of no server in reliability.prometheus.servers (only configured servers are contacted)",
    );
    await expect(ask({ server: 'staging' })).rejects.toThrow(
      "DataSource 'prod-prometheus' names the server 'staging', which is not in reliability.prometheus.servers",
    );
    await expect(ask(undefined)).rejects.toThrow(
      "DataSource 'prod-prometheus' says no server: give connectionDetails.server (a server in reliability.prometheus.servers) or connectionDetails.url (its baseUrl)",
    );
  });

  it('says clearly when Prometheus refuses the query', async () => {
    await expect(
      pull('http_requests_total{job=', total, at(0), at(3), MIN),
    ).rejects.toThrow(
      /^Prometheus 'main' refused the query for good events \(400 bad_data\): .*parse error/,
    );
  });

  it('refuses a query that is not a vector of counters', async () => {
    await expect(pull('"text"', total, at(0), at(3), MIN)).rejects.toThrow(
      /^Prometheus 'main' (refused the query|answered a string) for good events/,
    );
    await expect(
      pull(`${good} - 1e9`, total, at(0), at(3), MIN),
    ).rejects.toThrow(/answered the value -\d+ for good events/);
  });

  describe('threshold metrics', () => {
    const values = (query: string, from: number, to: number) =>
      provider.fetchValues({
        entityRef: 'component:default/checkout',
        slo: { name: 'latency' } as SloDefinition,
        metric: source(query),
        from,
        to,
        signal: new AbortController().signal,
      });

    it('gives every series its value a minute, each to the minute its sample closes, without NaN', async () => {
      const { points } = await values(
        'request_latency_ms{job="latency"}',
        at(0),
        at(10),
      );
      // Samples at minutes 1-10 describe minutes 0-9. a: 600 at samples 4
      // and 8 (minutes 3 and 7), 200 otherwise; b: 450; c: NaN, left out.
      const byMinute = (m: number) =>
        points
          .filter(p => p.timestamp === at(m))
          .map(p => p.value)
          .sort((x, y) => x - y);
      expect(points).toHaveLength(20);
      expect(byMinute(0)).toEqual([200, 450]);
      expect(byMinute(3)).toEqual([450, 600]);
      expect(byMinute(7)).toEqual([450, 600]);
      expect(byMinute(9)).toEqual([200, 450]);
      expect(points.filter(p => p.value < 500)).toHaveLength(18);
      expect(
        points.every(p => p.timestamp >= at(0) && p.timestamp < at(10)),
      ).toBe(true);
    });

    it('claims Prometheus metric sources on a configured server only', () => {
      expect(provider.handlesValues(source('request_latency_ms'))).toBe(true);
      expect(
        provider.handlesValues({ ...source('x'), metricSourceRef: 'other' }),
      ).toBe(false);
      expect(
        provider.handlesValues({ type: 'Datadog', spec: { query: 'x' } }),
      ).toBe(false);
    });

    it('says clearly when the query is refused', async () => {
      await expect(values('request_latency_ms{', at(0), at(3))).rejects.toThrow(
        /^Prometheus 'main' refused the query for threshold metric values \(400 bad_data\)/,
      );
    });
  });
});
