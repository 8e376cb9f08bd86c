import {
  BackstageCredentials,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { ScorecardKpi } from '@reliability-suite/plugin-reliability-common';
import request from '../__testUtils__/specCheckedRequest';
import { reliabilityPlugin } from '../plugin';

jest.setTimeout(60_000);

const component = (name: string, tier: string, owner: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name,
    namespace: 'default',
    annotations: { 'reliability/tier': tier },
  },
  spec: { type: 'service', lifecycle: 'production', owner },
});
const group = (name: string, members: string[], children: string[] = []) => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name, namespace: 'default' },
  spec: { type: 'team', children },
  relations: [
    ...members.map(m => ({
      type: 'hasMember',
      targetRef: `user:default/${m}`,
    })),
    ...children.map(c => ({
      type: 'parentOf',
      targetRef: `group:default/${c}`,
    })),
  ],
});
const user = (name: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'User',
  metadata: { name, namespace: 'default' },
  spec: {},
});

const entities: Entity[] = [
  component('checkout', 'tier-0', 'group:default/payments'),
  component('ledger', 'tier-1', 'group:default/payments'),
  component('docs', 'tier-0', 'group:default/engineering'),
  component('search', 'tier-2', 'group:default/sre'),
  group('engineering', [], ['payments']),
  group('payments', ['ana', 'bruno']),
  group('sre', ['gita']),
  group('quiet', []),
  user('ana'),
  user('bruno'),
  user('gita'),
];

const OUTSIDER = 'user:default/outsider';
const isOutsider = (options?: { credentials?: BackstageCredentials }) =>
  (options?.credentials?.principal as { userEntityRef?: string })
    ?.userEntityRef === OUTSIDER;
const permissions = mockServices.permissions.mock({
  authorize: (async (requests: unknown[], options?: any) =>
    requests.map(() => ({
      result: isOutsider(options)
        ? AuthorizeResult.DENY
        : AuthorizeResult.ALLOW,
    }))) as any,
  authorizeConditional: (async (requests: unknown[], options?: any) =>
    requests.map(() => ({
      result: isOutsider(options)
        ? AuthorizeResult.DENY
        : AuthorizeResult.ALLOW,
    }))) as any,
});

const ana = mockCredentials.user.header('user:default/ana');
const outsider = mockCredentials.user.header(OUTSIDER);
const v1 = '/api/reliability/v1';
const MIN = 60_000;
const DAY = 24 * 60 * MIN;
const iso = (ms: number) => new Date(ms).toISOString();
const date = (ms: number) => iso(ms).slice(0, 10);

const kpis = (body: { kpis: ScorecardKpi[] }) =>
  Object.fromEntries(
    body.kpis.map(k => [
      k.id,
      k.unit === 'share'
        ? [k.numerator, k.denominator, k.met]
        : [k.value, k.met],
    ]),
  );

describe('team routes', () => {
  let server: Awaited<ReturnType<typeof startTestBackend>>['server'];
  const scheduler = mockServices.scheduler() as SchedulerService & {
    factory: typeof mockServices.scheduler.factory;
  };
  const now = Date.now();

  beforeAll(async () => {
    ({ server } = await startTestBackend({
      features: [
        reliabilityPlugin,
        catalogServiceMock.factory({ entities }),
        permissions.factory,
        scheduler.factory({ skipTaskRunOnStartup: true }),
        mockServices.httpAuth.factory({
          defaultCredentials: mockCredentials.none(),
        }),
      ],
    }));
    await scheduler.triggerTask('reliability-summary-repair');
    const send = async (method: 'post' | 'put', path: string, body: object) => {
      const res = await request(server)
        [method](`${v1}${path}`)
        .set('Authorization', ana)
        .send(body);
      expect(res.status).toBeLessThan(300);
      return res.body;
    };
    await send(
      'put',
      '/entities/component/default/checkout/slos/availability',
      {
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
        objectives: [{ target: 0.999 }],
      },
    );
    // A SEV0 acknowledged after 4 minutes, resolved 10 days ago: its
    // postmortem, published now, is late.
    const late = await send('post', '/incidents', {
      title: 'Checkout down',
      severity: 'SEV0',
      entityRefs: ['component:default/checkout'],
      startedAt: iso(now - 10 * DAY - 60 * MIN),
      detectedAt: iso(now - 10 * DAY - 60 * MIN),
      acknowledgedAt: iso(now - 10 * DAY - 56 * MIN),
      resolvedAt: iso(now - 10 * DAY),
    });
    // A SEV0 acknowledged after 8 minutes, resolved yesterday: on time.
    const onTime = await send('post', '/incidents', {
      title: 'Ledger slow',
      severity: 'SEV0',
      entityRefs: ['component:default/ledger'],
      startedAt: iso(now - DAY - 30 * MIN),
      detectedAt: iso(now - DAY - 30 * MIN),
      acknowledgedAt: iso(now - DAY - 22 * MIN),
      resolvedAt: iso(now - DAY),
    });
    for (const incident of [late, onTime]) {
      await send('put', `/incidents/${incident.id}/postmortem`, {
        status: 'published',
        documentUrl: 'https://docs.acme.example/pm',
      });
    }
    await send('post', '/actions/import', {
      actions: [
        {
          title: 'Closed on time',
          entityRef: 'component:default/checkout',
          owner: 'user:default/ana',
          priority: 'P1',
          dueDate: date(now + 2 * DAY),
          status: 'done',
        },
        {
          title: 'Seventy days old',
          entityRef: 'component:default/ledger',
          owner: 'user:default/ana',
          priority: 'P2',
          dueDate: date(now + 20 * DAY),
          createdAt: iso(now - 70 * DAY),
        },
      ],
    });
  });

  const scorecard = (team: string, who = ana) =>
    request(server)
      .get(`${v1}/teams/default/${team}/scorecard`)
      .set('Authorization', who);

  it("measures a team's KPIs against the targets", async () => {
    const res = await scorecard('payments');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      team: 'group:default/payments',
      groups: ['group:default/payments'],
      windowDays: 90,
      entityCount: 2,
    });
    expect(kpis(res.body)).toEqual({
      // checkout has an SLO, ledger none: 1 of 2 < 60 %.
      'slo-coverage': [1, 2, false],
      'postmortems-on-time': [1, 2, false],
      'actions-closed-on-time': [1, 1, true],
      'actions-older-than-60-days': [1, false],
      // (4 + 8) / 2 minutes.
      mtta: [6, false],
      'dr-tested': [0, 1, false],
      'readiness-coverage': [0, 2, false],
      'entities-with-gaps': [2, false],
    });
    expect(res.body.incidentsBySeverity[0]).toEqual({
      severity: 'SEV0',
      incidents: 2,
      mttaMinutes: 6,
      mttrMinutes: 45,
    });
    expect(res.body.sloAttainmentByTier).toEqual([
      { tier: 'tier-0', slos: 1, meetingTarget: 0, share: null },
    ]);
  });

  it('counts a tier-0 entity as DR-tested once a DR test is attested', async () => {
    const attested = await request(server)
      .post(`${v1}/entities/component/default/checkout/readiness/attestations`)
      .set('Authorization', ana)
      .send({
        itemId: 'dr-test',
        evidenceUrl: 'https://docs.acme.example/dr-drill-2026-11',
      });
    expect(attested.status).toBe(201);
    const res = await scorecard('payments');
    expect(kpis(res.body)['dr-tested']).toEqual([1, 1, true]);
    // Undo for the tests that follow.
    expect(
      (
        await request(server)
          .delete(
            `${v1}/entities/component/default/checkout/readiness/attestations/${attested.body.id}`,
          )
          .set('Authorization', ana)
      ).status,
    ).toBe(204);
  });

  it('includes child groups, and has no verdicts for an empty team', async () => {
    const department = await scorecard('engineering');
    expect(department.body.groups.sort()).toEqual([
      'group:default/engineering',
      'group:default/payments',
    ]);
    expect(department.body.entityCount).toBe(3);
    expect(kpis(department.body)['slo-coverage']).toEqual([1, 3, false]);
    const quiet = await scorecard('quiet');
    expect(quiet.body.entityCount).toBe(0);
    expect(kpis(quiet.body)).toMatchObject({
      'slo-coverage': [0, 0, null],
      mtta: [null, null],
      'entities-with-gaps': [0, true],
    });
  });

  it('counts nothing the caller may not read', async () => {
    const res = await scorecard('payments', outsider);
    expect(res.status).toBe(200);
    expect(res.body.entityCount).toBe(0);
    expect(kpis(res.body)['postmortems-on-time']).toEqual([0, 0, null]);
  });

  it('keeps daily snapshots for the trends', async () => {
    await scheduler.triggerTask('reliability-team-snapshots');
    const res = await request(server)
      .get(`${v1}/teams/default/payments/trends?days=7`)
      .set('Authorization', ana);
    expect(res.status).toBe(200);
    expect(res.body.points).toEqual([
      {
        day: iso(Date.now()).slice(0, 10),
        values: expect.objectContaining({
          'postmortems-on-time': 0.5,
          mtta: 6,
          'actions-older-than-60-days': 1,
        }),
      },
    ]);
    const denied = await request(server)
      .get(`${v1}/teams/default/payments/trends`)
      .set('Authorization', outsider);
    expect(denied.status).toBe(403);
  });

  it.each([
    ['/teams/default/payments/scorecard', 401, undefined],
    ['/teams/default/payments/trends', 401, undefined],
    ['/teams/default/nobody/scorecard', 404, "No group 'group:default/nobody'"],
    ['/teams/default/-bad-/scorecard', 400, "Invalid path parameter 'name'"],
    [
      '/teams/default/payments/scorecard?days=3',
      400,
      "Unknown query parameter 'days'",
    ],
    [
      '/teams/default/payments/trends?days=0',
      400,
      "Invalid query parameter 'days': must be at least 1",
    ],
    [
      '/teams/default/payments/trends?days=401',
      400,
      "'days': must be at most 400",
    ],
  ])('GET %s answers %s', async (path, status, message) => {
    const req = request(server).get(`${v1}${path}`);
    const res =
      status === 401 ? await req : await req.set('Authorization', ana);
    expect(res.status).toBe(status);
    expect(res.body.error?.message ?? '').toContain(message ?? '');
  });
});
