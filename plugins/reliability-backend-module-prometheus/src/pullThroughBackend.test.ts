import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
// A module's test may start the plugin it extends.
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import reliabilityPlugin from '@reliability-suite/plugin-reliability-backend';
import fs from 'fs';
import os from 'os';
import path from 'path';
import request from 'supertest';
import { freePort, startPrometheus } from './__testUtils__/startPrometheus';
import reliabilityModulePrometheus from './index';

jest.setTimeout(60_000);

const MIN = 60_000;
// An hour of traffic that ended two hours ago, on whole minutes: the
// backend pulls on the real clock.
const base = Math.floor(Date.now() / MIN) * MIN - 3 * 60 * MIN;
const samples = (perMinute: number) =>
  Array.from({ length: 61 }, (_, m): [number, number] => [
    base + m * MIN,
    perMinute * m,
  ]);

const slo = (
  name: string,
  server: string,
  target: number,
) => `apiVersion: openslo/v1
kind: SLO
metadata:
  name: ${name}
spec:
  indicator:
    spec:
      ratioMetric:
        counter: true
        good:
          metricSource:
            type: Prometheus
            metricSourceRef: ${server}
            spec:
              query: 'checkout_requests_total{code="200"}'
        total:
          metricSource:
            type: Prometheus
            metricSourceRef: ${server}
            spec:
              query: 'checkout_requests_total'
  timeWindow:
    - duration: 30d
      isRolling: true
  budgetingMethod: Occurrences
  objectives:
    - target: ${target}
`;

/** A threshold metric's SLO: minutes whose latency is under 500 ms. */
const latencySlo = `apiVersion: openslo/v1
kind: SLO
metadata:
  name: latency
spec:
  indicator:
    spec:
      thresholdMetric:
        metricSource:
          type: Prometheus
          metricSourceRef: main
          spec:
            query: 'checkout_latency_ms'
  timeWindow:
    - duration: 30d
  budgetingMethod: Occurrences
  objectives:
    - op: lt
      value: 500
      target: 0.6
`;

describe('a Prometheus-backed SLO through the reliability backend', () => {
  let prometheus: Awaited<ReturnType<typeof startPrometheus>>;
  afterAll(async () => prometheus?.stop());

  it('pulls the counters into the SLO and answers its status by hand-worked values', async () => {
    // 99 good and 1 server error a minute for an hour.
    prometheus = await startPrometheus([
      {
        name: 'checkout_requests_total',
        labels: { code: '200' },
        samples: samples(99),
      },
      {
        name: 'checkout_requests_total',
        labels: { code: '500' },
        samples: samples(1),
      },
      // 700 ms every third minute (0, 3, …, 60), 300 ms otherwise.
      {
        name: 'checkout_latency_ms',
        labels: {},
        samples: samples(1).map(([t], m): [number, number] => [
          t,
          m % 3 === 0 ? 700 : 300,
        ]),
      },
    ]);
    const folder = fs.mkdtempSync(
      path.join(os.tmpdir(), 'reliability-prom-slo-'),
    );
    fs.writeFileSync(
      path.join(folder, 'slos.yaml'),
      `${slo('availability', 'main', 0.98)}---\n${slo(
        'offline',
        'down',
        0.99,
      )}---\n${latencySlo}`,
    );
    const scheduler = mockServices.scheduler() as ReturnType<
      typeof mockServices.scheduler
    > & { factory(options: object): any };
    const { server } = await startTestBackend({
      features: [
        reliabilityPlugin,
        reliabilityModulePrometheus,
        mockServices.rootConfig.factory({
          data: {
            reliability: {
              prometheus: {
                servers: [
                  { name: 'main', baseUrl: prometheus.url },
                  // Nothing listens there.
                  {
                    name: 'down',
                    baseUrl: `http://127.0.0.1:${await freePort()}`,
                  },
                ],
              },
            },
          },
        }),
        catalogServiceMock.factory({
          entities: [
            {
              apiVersion: 'backstage.io/v1alpha1',
              kind: 'Component',
              metadata: {
                name: 'checkout',
                namespace: 'default',
                annotations: {
                  'backstage.io/managed-by-location': `file:${path.join(
                    folder,
                    'catalog-info.yaml',
                  )}`,
                  'reliability/slos': './slos.yaml',
                },
              },
              spec: { type: 'service', owner: 'group:default/payments' },
            },
          ],
        }),
        scheduler.factory({ skipTaskRunOnStartup: true }),
        mockServices.httpAuth.factory({
          defaultCredentials: mockCredentials.none(),
        }),
      ],
    });
    await scheduler.triggerTask('reliability-catalog-sync');
    // A threshold metric is pulled a minute at a time, a day per request
    // and 10 a run: its 31 days take four runs (the others are done in one).
    for (let run = 0; run < 4; run++) {
      await scheduler.triggerTask('reliability-sli-pull');
    }

    const entity = '/api/reliability/v1/entities/component/default/checkout';
    const owner = mockCredentials.user.header('user:default/ana');
    const status = (
      await request(server)
        .get(`${entity}/slos/availability/status`)
        .set('Authorization', owner)
    ).body;
    // 60 minutes of 100 events, 99 good: 5,940 of 6,000, attainment 0.99;
    // 60 bad of the 2 % allowed (120): half the budget left. The 6-hour
    // burn rate: (60 / 6,000) / 0.02 = 0.5; the last hour had no events.
    expect([status.good, status.total]).toEqual([5_940, 6_000]);
    expect(status.attainment).toBeCloseTo(0.99, 12);
    expect(status.errorBudget.remaining).toBeCloseTo(0.5, 12);
    expect(status.burnRates['6h']).toBeCloseTo(0.5, 12);
    expect(status.burnRates['1h']).toBeNull();
    expect(status.status).toBe('healthy');

    // The gauge is evaluated on every minute from the first sample: the
    // 61 samples, then the last one (700) for Prometheus's 5-minute
    // lookback, 66 values. Under 500: the 40 minutes not a multiple of 3.
    // 26 bad of the 40 % allowed (26.4).
    const latency = (
      await request(server)
        .get(`${entity}/slos/latency/status`)
        .set('Authorization', owner)
    ).body;
    expect([latency.good, latency.total]).toEqual([40, 66]);
    expect(latency.attainment).toBeCloseTo(40 / 66, 12);
    expect(latency.errorBudget.remaining).toBeCloseTo(1 - 26 / 26.4, 12);

    const slos = (
      await request(server).get(`${entity}/slos`).set('Authorization', owner)
    ).body.items;
    const byName = Object.fromEntries(slos.map((s: any) => [s.name, s.pull]));
    expect(byName.availability).toMatchObject({
      provider: 'prometheus',
      problem: null,
    });
    expect(byName.latency).toMatchObject({
      provider: 'prometheus',
      problem: null,
    });
    expect(byName.offline.problem).toMatch(
      /^Prometheus 'down' \(http:\/\/127\.0\.0\.1:\d+\) did not answer: connection refused, nothing listens there \(is Prometheus running\?\)$/,
    );
    expect(byName.offline.lastSuccessAt).toBeNull();
  });
});
