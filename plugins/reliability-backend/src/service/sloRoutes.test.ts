import { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import fs from 'fs';
import os from 'os';
import path from 'path';
import request from '../__testUtils__/specCheckedRequest';
import { reliabilityPlugin } from '../plugin';
import { parseOpenSlo } from '@reliability-suite/plugin-reliability-common';

const MIN = 60_000;
const OWNER = 'user:default/ana';
const SRE = 'user:default/gita';
const OUTSIDER = 'user:default/outsider';

const folder = fs.mkdtempSync(
  path.join(os.tmpdir(), 'reliability-slo-routes-'),
);
fs.writeFileSync(
  path.join(folder, 'slos.yaml'),
  `apiVersion: openslo/v1
kind: SLO
metadata:
  name: catalog-latency
spec:
  indicator:
    spec:
      ratioMetric:
        good: { metricSource: { type: Prometheus } }
        total: { metricSource: { type: Prometheus } }
  timeWindow:
    - duration: 30d
      isRolling: true
  budgetingMethod: Timeslices
  objectives:
    - target: 0.99
      timeSliceTarget: 0.95
      timeSliceWindow: 1m
`,
);
fs.writeFileSync(
  path.join(folder, 'broken.yaml'),
  'apiVersion: openslo/v1\nkind: SLO\nmetadata:\n  name: x\nspec: {}\n',
);

const component = (
  name: string,
  annotations: Record<string, string> = {},
): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name,
    namespace: 'default',
    annotations: {
      'backstage.io/managed-by-location': `file:${path.join(
        folder,
        'catalog-info.yaml',
      )}`,
      ...annotations,
    },
  },
  spec: {
    type: 'service',
    lifecycle: 'production',
    owner: 'group:default/payments',
  },
});

const entities = [
  component('checkout', {
    'reliability/tier': 'tier-0',
    'reliability/slos': './slos.yaml',
  }),
  component('search', { 'reliability/tier': 'tier-2' }),
  component('broken', { 'reliability/slos': './broken.yaml' }),
  component('ledger'),
];

/**
 * Owners may manage and ingest, the SRE may also approve exceptions, the
 * outsider may do nothing; service tokens are allowed by the framework.
 */
const permissions = mockServices.permissions.mock({
  authorize: (async (
    requests: Array<{ permission: { name: string } }>,
    options?: { credentials?: BackstageCredentials },
  ) => {
    const principal = options?.credentials?.principal as
      | { type: string; userEntityRef?: string }
      | undefined;
    return requests.map(({ permission }) => {
      if (principal?.type === 'service')
        return { result: AuthorizeResult.ALLOW };
      const user = principal?.userEntityRef;
      let allowed = user !== OUTSIDER;
      if (permission.name === 'reliability.budget-exception.approve')
        allowed = user === SRE;
      return { result: allowed ? AuthorizeResult.ALLOW : AuthorizeResult.DENY };
    });
  }) as any,
});

const auditor = mockServices.auditor.mock();
const createdEvents: string[] = [];
auditor.createEvent.mockImplementation(async ({ eventId }) => {
  createdEvents.push(eventId);
  return { success: jest.fn(async () => {}), fail: jest.fn(async () => {}) };
});

async function startBackend() {
  const { server } = await startTestBackend({
    features: [
      reliabilityPlugin,
      catalogServiceMock.factory({ entities }),
      permissions.factory,
      auditor.factory,
      mockServices.scheduler.factory({
        includeInitialDelayedTasksOnStartup: true,
      }),
      mockServices.httpAuth.factory({
        defaultCredentials: mockCredentials.none(),
      }),
    ],
  });
  return server;
}

const owner = mockCredentials.user.header(OWNER);
const sre = mockCredentials.user.header(SRE);
const outsider = mockCredentials.user.header(OUTSIDER);
const service = mockCredentials.service.header();
const base = '/api/reliability/v1/entities/component/default';

const availabilitySpec = {
  displayName: 'Checkout availability',
  indicator: {
    spec: {
      ratioMetric: {
        good: { metricSource: { type: 'api' } },
        total: { metricSource: { type: 'api' } },
      },
    },
  },
  timeWindow: [{ duration: '28d', isRolling: true }],
  budgetingMethod: 'Occurrences',
  objectives: [{ target: 0.99 }],
};

const minute = Math.floor(Date.now() / MIN) * MIN;
const iso = (ms: number) => new Date(ms).toISOString();

describe('SLO routes', () => {
  let server: Awaited<ReturnType<typeof startBackend>>;
  beforeAll(async () => {
    server = await startBackend();
  });

  it('syncs catalog SLOs from the OpenSLO file and reports a broken file in the summary', async () => {
    const res = await request(server)
      .get(`${base}/checkout/slos`)
      .set('Authorization', owner);
    expect(res.status).toBe(200);
    expect(res.body.items).toEqual([
      expect.objectContaining({
        name: 'catalog-latency',
        source: 'catalog',
        version: 1,
        definition: expect.objectContaining({
          budgetingMethod: 'Timeslices',
          target: 0.99,
        }),
      }),
    ]);
    const summary = await request(server)
      .get(`${base}/broken/summary`)
      .set('Authorization', owner);
    expect(summary.body.problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          code: 'invalid-openslo',
          message: expect.stringContaining('./broken.yaml, document 1, spec'),
        }),
      ]),
    );
  });

  it('creates an SLO, refuses a replace without the version, and replaces with it', async () => {
    const url = `${base}/checkout/slos/api-availability`;
    const created = await request(server)
      .put(url)
      .set('Authorization', owner)
      .send(availabilitySpec);
    expect(created.status).toBe(201);
    expect(created.headers.etag).toBe('"1"');
    expect(created.body).toMatchObject({
      name: 'api-availability',
      source: 'api',
      version: 1,
    });
    expect(createdEvents).toContain('slo-upsert');

    const again = await request(server)
      .put(url)
      .set('Authorization', owner)
      .send(availabilitySpec);
    expect(again.status).toBe(409);

    const stale = await request(server)
      .put(url)
      .set('Authorization', owner)
      .set('If-Match', '"5"')
      .send(availabilitySpec);
    expect(stale.status).toBe(412);
    expect(stale.body.error.message).toContain('changed by someone else');

    const replaced = await request(server)
      .put(url)
      .set('Authorization', owner)
      .set('If-Match', '"1"')
      .send({ ...availabilitySpec, displayName: 'API availability' });
    expect(replaced.status).toBe(200);
    expect(replaced.body.version).toBe(2);
  });

  it('exports an API-created SLO as an OpenSLO file that reads back to the same definition', async () => {
    const url = `${base}/checkout/slos/weekly-availability`;
    const created = await request(server)
      .put(url)
      .set('Authorization', owner)
      .send({
        ...availabilitySpec,
        minEvents: 100,
        timeWindow: [
          {
            duration: '1w',
            calendar: {
              startTime: '2022-01-01 12:00:00',
              timeZone: 'America/New_York',
            },
          },
        ],
      });
    expect(created.status).toBe(201);
    const exported = await request(server)
      .get(`${url}/openslo`)
      .set('Authorization', service);
    expect(exported.status).toBe(200);
    expect(exported.headers['content-type']).toBe(
      'application/yaml; charset=utf-8',
    );
    expect(exported.headers['content-disposition']).toBe(
      'attachment; filename="weekly-availability.yaml"',
    );
    expect(exported.text).toContain('startTime: 2022-01-01 12:00:00');
    expect(exported.text).toContain('reliability/min-events: "100"');
    expect(parseOpenSlo(exported.text)).toEqual({
      errors: [],
      slos: [created.body.definition],
    });
    expect(created.body.definition).toMatchObject({
      minEvents: 100,
      timeWindow: {
        kind: 'calendar',
        unit: 'week',
        startTime: '2022-01-01T12:00:00',
        timeZone: 'America/New_York',
      },
    });
    // Gone again: the tests after this one count the entity's SLOs.
    const deleted = await request(server)
      .delete(url)
      .set('Authorization', owner)
      .set('If-Match', '"1"');
    expect(deleted.status).toBe(204);
  });

  it('judges the values of a threshold metric: each one event, good when under the threshold', async () => {
    const url = `${base}/checkout/slos/search-latency`;
    const created = await request(server)
      .put(url)
      .set('Authorization', owner)
      .send({
        ...availabilitySpec,
        indicator: {
          spec: { thresholdMetric: { metricSource: { type: 'api' } } },
        },
        objectives: [{ op: 'lt', value: 500, target: 0.9 }],
      });
    expect(created.status).toBe(201);
    expect(created.body.definition).toMatchObject({
      indicator: { thresholdMetric: { metricSource: { type: 'api' } } },
      threshold: { op: 'lt', value: 500 },
    });
    const at = minute - MIN;
    const sent = await request(server)
      .post(`${url}/measurements`)
      .set('Authorization', service)
      .send(
        [100, 499.9, 500, 700].map(value => ({ timestamp: iso(at), value })),
      );
    expect(sent.status).toBe(200);
    // 2 of 4 under 500: attainment 0.5; the budget of 10 % of 4 events is
    // 0.4, and 2 bad events spend it five times over.
    const status = await request(server)
      .get(`${url}/status?at=${iso(minute)}`)
      .set('Authorization', owner);
    expect(status.body).toMatchObject({ good: 2, total: 4, attainment: 0.5 });
    expect(status.body.errorBudget.total).toBeCloseTo(0.4, 12);
    expect(status.body.errorBudget.remaining).toBeCloseTo(1 - 2 / 0.4, 12);

    const counts = await request(server)
      .post(`${url}/measurements`)
      .set('Authorization', service)
      .send([{ timestamp: iso(at), good: 1, total: 1 }]);
    expect(counts.status).toBe(400);
    expect(counts.body.error.message).toBe(
      "Invalid request body 'measurements.0': SLO 'search-latency' judges the values of a thresholdMetric: send { timestamp, value } points",
    );
    // Nothing written: still 4 events.
    const after = await request(server)
      .get(`${url}/status?at=${iso(minute)}`)
      .set('Authorization', owner);
    expect(after.body.total).toBe(4);
    const exported = await request(server)
      .get(`${url}/openslo`)
      .set('Authorization', owner);
    expect(parseOpenSlo(exported.text).slos).toEqual([created.body.definition]);

    const deleted = await request(server)
      .delete(url)
      .set('Authorization', owner)
      .set('If-Match', '"1"');
    expect(deleted.status).toBe(204);
  });

  it('refuses to replace a catalog-managed SLO with 409', async () => {
    const res = await request(server)
      .put(`${base}/checkout/slos/catalog-latency`)
      .set('Authorization', owner)
      .set('If-Match', '"1"')
      .send(availabilitySpec);
    expect(res.status).toBe(409);
    expect(res.body.error.message).toContain('managed in the catalog');
  });

  it('ingests with the service token, idempotently, and computes the status to DESIGN §4', async () => {
    const url = `${base}/checkout/slos/api-availability/measurements`;
    const batch = [
      { timestamp: iso(minute - 10 * MIN), good: 990, total: 1000 },
      { timestamp: iso(minute - MIN), good: 180, total: 200 },
    ];
    for (let i = 0; i < 3; i++) {
      const res = await request(server)
        .post(url)
        .set('Authorization', service)
        .send(batch);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ stored: 2, buckets: 2 });
    }
    const status = await request(server)
      .get(`${base}/checkout/slos/api-availability/status?at=${iso(minute)}`)
      .set('Authorization', owner);
    expect(status.status).toBe(200);
    const body = status.body;
    expect(body.good).toBe(1170);
    expect(body.total).toBe(1200);
    expect(body.attainment).toBeCloseTo(0.975, 9);
    // Budget: 1 % of 1200 = 12 events; 30 bad → consumed 2.5.
    expect(body.errorBudget.total).toBeCloseTo(12, 9);
    expect(body.errorBudget.consumed).toBeCloseTo(2.5, 9);
    expect(body.errorBudget.remaining).toBeCloseTo(-1.5, 9);
    expect(body.burnRates['5m']).toBeCloseTo(10, 9);
    expect(body.burnRates['30m']).toBeCloseTo(2.5, 9);
    expect(body.burnRates['3d']).toBeCloseTo(2.5, 9);
    expect(body.alerts).toEqual([
      {
        severity: 'ticket',
        longWindow: '3d',
        shortWindow: '6h',
        threshold: expect.closeTo(0.9333333333, 9),
      },
    ]);
    expect(body.status).toBe('exhausted');
    expect(body.projectedExhaustion).toBeNull();
    expect(body.window).toEqual({
      start: iso(minute - 28 * 24 * 60 * MIN),
      end: iso(minute),
    });
  });

  it.each([
    [
      [{ timestamp: 'yesterday', good: 1, total: 1 }],
      "'measurements.0.timestamp'",
    ],
    [
      [{ timestamp: iso(minute), good: 2, total: 1 }],
      "'measurements.0.good': must not exceed total",
    ],
    [
      [{ timestamp: iso(minute), good: -1, total: 1 }],
      "'measurements.0.good': must not be negative",
    ],
    [
      [{ timestamp: iso(minute), good: 1.5, total: 2 }],
      "'measurements.0.good': must be a whole number",
    ],
    [
      [{ timestamp: iso(minute), good: 1, total: 1, bad: 0 }],
      "Unknown request body 'measurements.0.bad'",
    ],
    [[], "'measurements': must hold at least one measurement"],
    [{ points: [] }, "Unknown request body 'points'"],
    [
      [{ timestamp: iso(Date.now() + 10 * MIN), good: 1, total: 1 }],
      '[0].timestamp: ',
    ],
    [
      [{ timestamp: iso(Date.now() - 5 * 24 * 60 * MIN), good: 1, total: 1 }],
      'older than 4 days',
    ],
    // Offsets beyond ±14:00 once became NaN dates and a 500 with SQL text.
    [
      [
        {
          timestamp: iso(minute).replace('.000Z', '+99:00'),
          good: 1,
          total: 1,
        },
      ],
      "'measurements.0.timestamp': must be an RFC 3339 timestamp",
    ],
  ])('rejects a bad batch (%#) and writes nothing', async (body, message) => {
    const url = `${base}/checkout/slos/api-availability`;
    const valid = {
      timestamp: iso(minute - 2 * MIN),
      good: 0,
      total: 1_000_000,
    };
    const res = await request(server)
      .post(`${url}/measurements`)
      .set('Authorization', service)
      .send(Array.isArray(body) && body.length > 0 ? [valid, ...body] : body);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain(
      message.replace('measurements.0', 'measurements.1').replace('[0]', '[1]'),
    );
    const status = await request(server)
      .get(`${url}/status?at=${iso(minute)}`)
      .set('Authorization', owner);
    expect(status.body.total).toBe(1200);
  });

  it('refuses an impossible status time, naming the parameter', async () => {
    const res = await request(server)
      .get(
        `${base}/checkout/slos/api-availability/status?at=${encodeURIComponent(
          '2026-11-23T12:00:00+99:00',
        )}`,
      )
      .set('Authorization', owner);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain(
      "Invalid query parameter 'at': must be an RFC 3339 timestamp",
    );
  });

  it('answers 413 for a batch over 10,000 points', async () => {
    const points = Array.from({ length: 10_001 }, (_, i) => ({
      timestamp: iso(minute - (i % 1000) * MIN),
      good: 1,
      total: 1,
    }));
    const res = await request(server)
      .post(`${base}/checkout/slos/api-availability/measurements`)
      .set('Authorization', service)
      .send(points);
    expect(res.status).toBe(413);
  });

  describe('history', () => {
    const HOUR = 60 * MIN;
    const DAY = 24 * HOUR;
    const hour = Math.floor(Date.now() / HOUR) * HOUR;
    const url = `${base}/ledger/slos/history-demo`;
    // 28-day window, 99 %: 99,300 good of 100,000 over points at 27, 20
    // and 10 days and one recent minute; bad 700 of an allowed 1,000.
    const body = {
      from: iso(hour - 30 * DAY),
      to: iso(minute),
      measurements: [
        { timestamp: iso(hour - 27 * DAY), good: 9_900, total: 10_000 },
        { timestamp: iso(hour - 20 * DAY), good: 19_800, total: 20_000 },
        { timestamp: iso(hour - 10 * DAY), good: 29_700, total: 30_000 },
        { timestamp: iso(minute - 60 * MIN), good: 39_900, total: 40_000 },
      ],
    };
    const statusOf = async () =>
      (
        await request(server)
          .get(`${url}/status?at=${iso(minute)}`)
          .set('Authorization', owner)
      ).body;

    beforeAll(async () => {
      const res = await request(server)
        .put(url)
        .set('Authorization', owner)
        .send(availabilitySpec);
      if (res.status !== 201) throw new Error(`SLO not created: ${res.text}`);
    });

    it('loads 30 days with the service token, answers the window exactly, and again changes nothing', async () => {
      createdEvents.length = 0;
      for (const replaced of [0, 4]) {
        const res = await request(server)
          .put(`${url}/history`)
          .set('Authorization', service)
          .send(body);
        expect(res.status).toBe(200);
        expect(res.body).toEqual({
          from: iso(hour - 30 * DAY),
          to: iso(minute),
          stored: 4,
          buckets: { minutes: 1, hours: 3, days: 0 },
          replaced,
          status: 'healthy',
        });
      }
      expect(createdEvents).toEqual([
        'slo-history-replace',
        'slo-history-replace',
      ]);
      const status = await statusOf();
      expect([status.good, status.total]).toEqual([99_300, 100_000]);
      expect(status.attainment).toBeCloseTo(0.993, 12);
      expect(status.errorBudget.remaining).toBeCloseTo(0.3, 12);
    });

    it('answers 401 without credentials and 403 to an outsider, writing nothing', async () => {
      const cleared = { ...body, measurements: [] };
      const none = await request(server).put(`${url}/history`).send(cleared);
      expect(none.status).toBe(401);
      const denied = await request(server)
        .put(`${url}/history`)
        .set('Authorization', outsider)
        .send(cleared);
      expect(denied.status).toBe(403);
      expect((await statusOf()).total).toBe(100_000);
    });

    it.each([
      [{ from: iso(hour - 10 * DAY + 30 * MIN) }, "'from'", 'whole hour'],
      [{ from: iso(hour - 40 * DAY) }, "'from'", '31-day history'],
      [{ to: iso(hour - 31 * DAY) }, "'to'", 'must be after from'],
      [{ extra: 1 }, "Unknown request body 'extra'", ''],
      [
        { measurements: [{ timestamp: iso(minute), good: 1, total: 1 }] },
        '[0].timestamp',
        'outside the replaced range',
      ],
      [
        {
          measurements: [{ timestamp: iso(hour - 2 * DAY), good: 2, total: 1 }],
        },
        "'measurements.0.good'",
        'must not exceed total',
      ],
    ])(
      'refuses a bad load (%#), naming the field, and writes nothing',
      async (change, field, why) => {
        const res = await request(server)
          .put(`${url}/history`)
          .set('Authorization', owner)
          .send({ ...body, ...change });
        expect(res.status).toBe(400);
        expect(res.body.error.message).toContain(field);
        expect(res.body.error.message).toContain(why);
        expect((await statusOf()).total).toBe(100_000);
      },
    );
  });

  it('closes the deploy gate of a tier-0 entity with an exhausted budget until an SRE grants an exception', async () => {
    const gate = await request(server)
      .get(`${base}/checkout/deploy-gate`)
      .set('Authorization', owner);
    expect(gate.status).toBe(200);
    expect(gate.body.allowed).toBe(false);
    expect(gate.body.freezePolicy).toBe(true);
    expect(gate.body.reasons[0]).toContain(
      "SLO 'API availability' is exhausted",
    );

    const exceptionBody = {
      reason: 'Ship the fix for the checkout timeouts',
      expiresAt: iso(Date.now() + 24 * 60 * MIN),
    };
    const denied = await request(server)
      .post(`${base}/checkout/budget-exceptions`)
      .set('Authorization', owner)
      .send(exceptionBody);
    expect(denied.status).toBe(403);
    // A service token never approves, whatever the policy would say.
    const fromToken = await request(server)
      .post(`${base}/checkout/budget-exceptions`)
      .set('Authorization', service)
      .send(exceptionBody);
    expect(fromToken.status).toBe(403);
    expect(fromToken.body.error.message).toBe(
      "'reliability.budget-exception.approve' is a person's decision: service credentials (an API token, another plugin) cannot approve",
    );
    const none = await request(server)
      .get(`${base}/checkout/budget-exceptions`)
      .set('Authorization', owner);
    expect(none.body.items).toEqual([]);

    for (const [body, message] of [
      [
        { ...exceptionBody, expiresAt: iso(Date.now() - MIN) },
        "'expiresAt': must be in the future",
      ],
      [
        { ...exceptionBody, expiresAt: iso(Date.now() + 31 * 24 * 60 * MIN) },
        'at most 30 days',
      ],
      [{ ...exceptionBody, reason: 'fix' }, "'reason'"],
      [
        { ...exceptionBody, approvedBy: SRE },
        "Unknown request body 'approvedBy'",
      ],
    ] as const) {
      const bad = await request(server)
        .post(`${base}/checkout/budget-exceptions`)
        .set('Authorization', sre)
        .send(body);
      expect(bad.status).toBe(400);
      expect(bad.body.error.message).toContain(message);
    }

    const granted = await request(server)
      .post(`${base}/checkout/budget-exceptions`)
      .set('Authorization', sre)
      .send(exceptionBody);
    expect(granted.status).toBe(201);
    expect(granted.body).toMatchObject({
      approvedBy: SRE,
      entityRef: 'component:default/checkout',
    });
    expect(createdEvents).toContain('budget-exception-create');

    const open = await request(server)
      .get(`${base}/checkout/deploy-gate`)
      .set('Authorization', owner);
    expect(open.body.allowed).toBe(true);
    expect(open.body.exception.id).toBe(granted.body.id);
  });

  it("keeps the gate open when the tier's policy does not freeze", async () => {
    const res = await request(server)
      .get(`${base}/search/deploy-gate`)
      .set('Authorization', owner);
    expect(res.body).toEqual({
      allowed: true,
      freezePolicy: false,
      reasons: [
        'The error-budget policy of Tier 2 (standard) does not freeze deploys.',
      ],
    });
  });

  it('serves a series for the chart', async () => {
    const res = await request(server)
      .get(
        `${base}/checkout/slos/api-availability/series?from=${iso(
          minute - 60 * MIN,
        )}&to=${iso(minute)}&step=30m`,
      )
      .set('Authorization', owner);
    expect(res.status).toBe(200);
    expect(res.body.points.map((p: { at: string }) => p.at)).toEqual([
      iso(minute - 60 * MIN),
      iso(minute - 30 * MIN),
      iso(minute),
    ]);
    expect(res.body.points[2].budgetRemaining).toBeCloseTo(-1.5, 9);
  });

  it('adds the SLOs to the entity summary', async () => {
    const res = await request(server)
      .get(`${base}/checkout/summary`)
      .set('Authorization', owner);
    expect(res.body.slos).toEqual([
      {
        name: 'api-availability',
        displayName: 'API availability',
        target: 0.99,
        status: 'exhausted',
        budgetRemaining: expect.any(Number),
      },
      {
        name: 'catalog-latency',
        target: 0.99,
        status: 'no-data',
        budgetRemaining: null,
      },
    ]);
  });

  // Every row has three cells: with fewer, jest passes `done` as the third.
  const routes: Array<[string, string, object | null]> = [
    ['get', `${base}/checkout/slos`, null],
    ['put', `${base}/checkout/slos/x`, availabilitySpec],
    [
      'post',
      `${base}/checkout/slos/api-availability/measurements`,
      [{ timestamp: iso(minute), good: 1, total: 1 }],
    ],
    ['get', `${base}/checkout/slos/api-availability/status`, null],
    ['get', `${base}/checkout/slos/api-availability/series`, null],
    ['get', `${base}/checkout/slos/api-availability/openslo`, null],
    ['get', `${base}/checkout/deploy-gate`, null],
    ['get', `${base}/checkout/budget-exceptions`, null],
    [
      'post',
      `${base}/checkout/budget-exceptions`,
      {
        reason: 'A good reason to ship',
        expiresAt: iso(Date.now() + 60 * MIN),
      },
    ],
  ];

  it.each(routes)(
    'answers 401 to %s %s without credentials',
    async (method, url, body) => {
      const req = (request(server) as any)[method](url);
      const res = await (body ? req.send(body) : req);
      expect(res.status).toBe(401);
    },
  );

  it.each(routes)(
    'answers 403 to %s %s for a user the policy denies',
    async (method, url, body) => {
      const req = (request(server) as any)
        [method](url)
        .set('Authorization', outsider);
      const res = await (body ? req.send(body) : req);
      expect(res.status).toBe(403);
    },
  );

  it.each([
    [
      'get',
      `${base}/checkout/slos/API_availability/status`,
      "Invalid path parameter 'sloName'",
    ],
    [
      'get',
      `${base}/checkout/slos/api-availability/status?at=noon`,
      "Invalid query parameter 'at'",
    ],
    [
      'get',
      `${base}/checkout/slos/api-availability/status?window=1d`,
      "Unknown query parameter 'window'",
    ],
    [
      'get',
      `${base}/checkout/slos/api-availability/series?step=1y`,
      "Invalid query parameter 'step'",
    ],
    [
      'get',
      `${base}/checkout/slos/api-availability/series?step=1m`,
      "'step': gives more than 500 points",
    ],
    [
      'get',
      `${base}/checkout/slos/api-availability/openslo?format=json`,
      "Unknown query parameter 'format'",
    ],
    [
      'get',
      `${base}/checkout/slos/API_availability/openslo`,
      "Invalid path parameter 'sloName'",
    ],
    ['get', `${base}/bad%20name/slos`, "Invalid path parameter 'name'"],
  ])('rejects %s %s', async (method, url, message) => {
    const res = await (request(server) as any)
      [method](url)
      .set('Authorization', owner);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain(message);
  });

  it.each([
    [
      { ...availabilitySpec, objectives: [{ target: 1 }] },
      "'objectives[0].target'",
    ],
    [
      { ...availabilitySpec, objectives: [{ target: 0 }] },
      "'objectives[0].target'",
    ],
    [
      {
        ...availabilitySpec,
        timeWindow: [{ duration: 'forever', isRolling: true }],
      },
      "'timeWindow[0].duration'",
    ],
    [{ ...availabilitySpec, owner: 'me' }, "unknown field 'owner'"],
    [{ ...availabilitySpec, version: 'two' }, "'version'"],
  ])(
    'rejects a bad SLO spec (%#) and writes nothing',
    async (body, message) => {
      const res = await request(server)
        .put(`${base}/search/slos/new-slo`)
        .set('Authorization', owner)
        .send(body);
      expect(res.status).toBe(400);
      expect(res.body.error.message).toContain(message);
      const list = await request(server)
        .get(`${base}/search/slos`)
        .set('Authorization', owner);
      expect(list.body.items).toEqual([]);
    },
  );

  it('answers 404 for an unknown SLO or entity', async () => {
    expect(
      (
        await request(server)
          .get(`${base}/checkout/slos/nope/status`)
          .set('Authorization', owner)
      ).status,
    ).toBe(404);
    expect(
      (
        await request(server)
          .get(`${base}/nope/slos`)
          .set('Authorization', owner)
      ).status,
    ).toBe(404);
  });
});
