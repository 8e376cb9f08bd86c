import { createBackendModule } from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  reliabilitySliExtensionPoint,
  SliRequest,
} from '@reliability-suite/plugin-reliability-node';
import fs from 'fs';
import os from 'os';
import path from 'path';
import request from '../__testUtils__/specCheckedRequest';
import { reliabilityPlugin } from '../plugin';

jest.setTimeout(60_000);

const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'reliability-pulls-'));
const slo = (name: string, query: string) => `apiVersion: openslo/v1
kind: SLO
metadata:
  name: ${name}
spec:
  indicator:
    spec:
      ratioMetric:
        good: { metricSource: { type: Test, spec: { query: ${query} } } }
        total: { metricSource: { type: Test, spec: { query: ${query} } } }
  timeWindow:
    - duration: 30d
      isRolling: true
  budgetingMethod: Occurrences
  objectives:
    - target: 0.99
`;
fs.writeFileSync(
  path.join(folder, 'slos.yaml'),
  `${slo('pulled', 'ok')}---\n${slo('broken-source', 'down')}`,
);

/** A module adding a provider: every minute 10 events, all good; `down` fails. */
const testSliModule = createBackendModule({
  pluginId: 'reliability',
  moduleId: 'test-sli',
  register(reg) {
    reg.registerInit({
      deps: { sli: reliabilitySliExtensionPoint },
      async init({ sli }) {
        sli.addProvider({
          id: 'test',
          handles: (good, total) =>
            good.type === 'Test' && total.type === 'Test',
          async fetchCounts(req: SliRequest) {
            if ((req.good.spec as { query: string }).query === 'down') {
              throw new Error('server at http://127.0.0.1:9 is unreachable');
            }
            const buckets = [];
            for (let t = req.from; t < req.to; t += req.stepMs) {
              const events = (10 * req.stepMs) / 60_000;
              buckets.push({ start: t, good: events, total: events });
            }
            return { buckets };
          },
        });
      },
    });
  },
});

const OUTSIDER = 'user:default/outsider';

/** Everyone may do everything but the outsider, who may do nothing. */
const permissions = mockServices.permissions.mock({
  authorize: (async (requests: unknown[], options?: any) => {
    const user = options?.credentials?.principal?.userEntityRef;
    const result =
      user === OUTSIDER ? AuthorizeResult.DENY : AuthorizeResult.ALLOW;
    return requests.map(() => ({ result }));
  }) as any,
});

/** What each audited write recorded when it succeeded. */
const audited: Array<{ eventId: string; meta: unknown }> = [];
const auditor = mockServices.auditor.mock();
auditor.createEvent.mockImplementation(async ({ eventId }) => ({
  success: jest.fn(async (options?: { meta?: unknown }) => {
    audited.push({ eventId, meta: options?.meta });
  }),
  fail: jest.fn(async () => {}),
}));

describe('SLI pulls through a module', () => {
  it('pulls the SLOs a provider claims on schedule and shows each one’s state', async () => {
    // The mock scheduler, to run the catalog sync and then the pull.
    const scheduler = mockServices.scheduler() as ReturnType<
      typeof mockServices.scheduler
    > & { factory(options: object): any };
    const { server } = await startTestBackend({
      features: [
        testSliModule,
        reliabilityPlugin,
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
        permissions.factory,
        auditor.factory,
        mockServices.httpAuth.factory({
          defaultCredentials: mockCredentials.none(),
        }),
      ],
    });
    const base = '/api/reliability/v1/entities/component/default/checkout';
    const owner = mockCredentials.user.header('user:default/ana');
    await scheduler.triggerTask('reliability-catalog-sync');
    const before = await request(server)
      .get(`${base}/slos`)
      .set('Authorization', owner);
    // Claimed, not pulled yet.
    const notYet = {
      provider: 'test',
      pulledUntil: null,
      lastSuccessAt: null,
      problem: null,
      nextAttemptAt: null,
      replay: null,
    };
    expect(before.body.items.map((s: any) => s.pull)).toEqual([notYet, notYet]);
    await scheduler.triggerTask('reliability-sli-pull');
    const res = await request(server)
      .get(`${base}/slos`)
      .set('Authorization', owner);
    const items: any[] = res.body.items;
    expect(items.map(s => s.name).sort()).toEqual(['broken-source', 'pulled']);
    const byName = Object.fromEntries(items.map(s => [s.name, s]));
    expect(byName.pulled.pull).toMatchObject({
      provider: 'test',
      problem: null,
      nextAttemptAt: null,
      replay: null,
    });
    expect(Date.parse(byName.pulled.pull.pulledUntil)).toBeGreaterThan(
      Date.now() - 2 * 60_000,
    );
    expect(byName['broken-source'].pull).toMatchObject({
      provider: 'test',
      lastSuccessAt: null,
      problem: 'server at http://127.0.0.1:9 is unreachable',
    });
    // Read at the instant pulled up to, so that the clock moving on
    // between reads changes nothing.
    const pulledUntil = encodeURIComponent(byName.pulled.pull.pulledUntil);
    const status = await request(server)
      .get(`${base}/slos/pulled/status?at=${pulledUntil}`)
      .set('Authorization', owner);
    expect(status.body.attainment).toBe(1);
    // 30 days of 10 events a minute, give or take the window's edges.
    expect(status.body.total).toBeGreaterThan(10 * 60 * 24 * 29);

    // A replay of the last two hours: re-read now, then caught up.
    const service = mockCredentials.service.header();
    const from = new Date(Date.now() - 2 * 3_600_000).toISOString();
    const replay = await request(server)
      .post(`${base}/slos/pulled/replay`)
      .set('Authorization', service)
      .send({ from });
    expect(replay.status).toBe(202);
    expect(replay.body).toMatchObject({
      provider: 'test',
      problem: null,
      replay: null,
    });
    expect(Date.parse(replay.body.pulledUntil)).toBeGreaterThan(
      Date.now() - 2 * 60_000,
    );
    // Audited from the whole hour it started at, though already finished.
    const HOUR = 3_600_000;
    expect(audited.filter(e => e.eventId === 'slo-replay')).toEqual([
      {
        eventId: 'slo-replay',
        meta: {
          from: new Date(
            Math.floor(Date.parse(from) / HOUR) * HOUR,
          ).toISOString(),
        },
      },
    ]);
    // The replayed hours replaced what was there: nothing counted twice.
    expect(
      (
        await request(server)
          .get(`${base}/slos/pulled/status?at=${pulledUntil}`)
          .set('Authorization', owner)
      ).body.total,
    ).toBe(status.body.total);

    // A replay that cannot finish now shows where it is.
    const failing = await request(server)
      .post(`${base}/slos/broken-source/replay`)
      .set('Authorization', owner)
      .send({});
    expect(failing.status).toBe(202);
    // From the start of its history: 31 days back, on the next whole hour.
    expect(failing.body.replay).toEqual({
      from: new Date(
        Math.ceil((Date.now() - 31 * 24 * HOUR) / HOUR) * HOUR,
      ).toISOString(),
      progress: 0,
    });
    expect(failing.body.problem).toBe(
      'server at http://127.0.0.1:9 is unreachable',
    );

    const refused = [
      await request(server).post(`${base}/slos/pulled/replay`).send({}),
      await request(server)
        .post(`${base}/slos/pulled/replay`)
        .set('Authorization', mockCredentials.user.header(OUTSIDER))
        .send({}),
      await request(server)
        .post(`${base}/slos/pulled/replay`)
        .set('Authorization', owner)
        .send({ from: '2020-01-01T00:00:00Z' }),
      await request(server)
        .post(`${base}/slos/pulled/replay`)
        .set('Authorization', owner)
        .send({ from, to: from }),
    ];
    expect(refused.map(r => r.status)).toEqual([401, 403, 400, 400]);
    expect(refused[2].body.error.message).toContain(
      "Invalid request body 'from': 2020-01-01T00:00:00Z is older than this SLO's history",
    );
    expect(refused[3].body.error.message).toContain(
      "Unknown request body 'to'",
    );
  });
});
