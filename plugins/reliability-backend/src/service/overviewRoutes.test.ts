import {
  BackstageCredentials,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { OverviewRow } from '@reliability-suite/plugin-reliability-common';
import type supertest from 'supertest';
import request from '../__testUtils__/specCheckedRequest';
import { testDatabaseIds } from '../database/__testUtils__/testDatabaseIds';
import { reliabilityPlugin } from '../plugin';

jest.setTimeout(60_000);

const component = (
  name: string,
  tier: string | null,
  owner: string | null,
  extra: Partial<Entity['metadata']> = {},
): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name,
    namespace: 'default',
    ...(tier ? { annotations: { 'reliability/tier': tier } } : {}),
    ...extra,
  },
  spec: {
    type: 'service',
    lifecycle: 'production',
    ...(owner ? { owner } : {}),
    system: 'commerce',
  },
});
const group = (
  name: string,
  members: string[],
  children: string[] = [],
  parent?: string,
): Entity => ({
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
    ...(parent
      ? [{ type: 'childOf', targetRef: `group:default/${parent}` }]
      : []),
  ],
});
const user = (name: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'User',
  metadata: { name, namespace: 'default' },
  spec: {},
});

const entities: Entity[] = [
  component('checkout', 'tier-0', 'group:default/payments', {
    title: '=HYPERLINK("x")',
  }),
  component('ledger', 'tier-1', 'group:default/payments-eu'),
  component('search', 'tier-2', 'group:default/sre'),
  component('orphan', null, null),
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'System',
    metadata: {
      name: 'commerce',
      namespace: 'default',
      annotations: { 'reliability/tier': 'tier-0' },
    },
    spec: { owner: 'group:default/engineering' },
  },
  group('engineering', [], ['payments']),
  group('payments', ['ana'], ['payments-eu'], 'engineering'),
  group('payments-eu', ['bruno'], [], 'payments'),
  group('sre', ['gita', 'hugo']),
  user('ana'),
  user('bruno'),
  user('gita'),
  user('hugo'),
];

const ANA = 'user:default/ana';
const LIMITED = 'user:default/limited';
const OUTSIDER = 'user:default/outsider';
const userOf = (options?: { credentials?: BackstageCredentials }) =>
  (options?.credentials?.principal as { userEntityRef?: string })
    ?.userEntityRef;
const permissions = mockServices.permissions.mock({
  authorize: (async (
    requests: unknown[],
    options?: { credentials?: BackstageCredentials },
  ) =>
    requests.map(() => ({
      result:
        userOf(options) === OUTSIDER
          ? AuthorizeResult.DENY
          : AuthorizeResult.ALLOW,
    }))) as any,
  authorizeConditional: (async (
    requests: unknown[],
    options?: { credentials?: BackstageCredentials },
  ) =>
    requests.map(() => {
      const who = userOf(options);
      if (who === OUTSIDER) return { result: AuthorizeResult.DENY };
      if (who === LIMITED)
        return {
          result: AuthorizeResult.CONDITIONAL,
          pluginId: 'catalog',
          resourceType: 'catalog-entity',
          conditions: {
            rule: 'IS_ENTITY_OWNER',
            resourceType: 'catalog-entity',
            params: { claims: ['group:default/payments'] },
          },
        };
      return { result: AuthorizeResult.ALLOW };
    })) as any,
});

const ana = mockCredentials.user.header(ANA);
const limited = mockCredentials.user.header(LIMITED);
const outsider = mockCredentials.user.header(OUTSIDER);
const v1 = '/api/reliability/v1';
const DAY = 24 * 3_600_000;

const databases = TestDatabases.create({
  ids: testDatabaseIds,
  disableDocker: true,
});

describe.each(databases.eachSupportedId())(
  'overview routes on %s',
  databaseId => {
    let server: Awaited<ReturnType<typeof startTestBackend>>['server'];
    // The mock's own factory, so that the test can trigger the repair task.
    const scheduler = mockServices.scheduler() as SchedulerService & {
      factory: typeof mockServices.scheduler.factory;
    };
    const repair = () => scheduler.triggerTask('reliability-summary-repair');

    beforeAll(async () => {
      const knex = await databases.init(databaseId);
      ({ server } = await startTestBackend({
        features: [
          reliabilityPlugin,
          mockServices.database.factory({ knex, migrations: { skip: false } }),
          catalogServiceMock.factory({ entities }),
          permissions.factory,
          scheduler.factory({ skipTaskRunOnStartup: true }),
          mockServices.httpAuth.factory({
            defaultCredentials: mockCredentials.none(),
          }),
        ],
      }));
      await repair();
    });

    const overview = (query: string, who = ana) =>
      request(server).get(`${v1}/overview${query}`).set('Authorization', who);
    const names = (body: { items: OverviewRow[] }) =>
      body.items.map(i => i.name);

    it('lists every tiered kind from the stored summaries, with counts', async () => {
      const res = await overview('');
      expect(res.status).toBe(200);
      expect(names(res.body)).toEqual([
        'checkout',
        'commerce',
        'ledger',
        'orphan',
        'search',
      ]);
      expect(res.body.totalCount).toBe(5);
      expect(res.body.nextCursor).toBeUndefined();
      const checkout = res.body.items[0];
      expect(checkout).toMatchObject({
        entityRef: 'component:default/checkout',
        kind: 'component',
        tier: 'tier-0',
        owner: 'group:default/payments',
        system: 'system:default/commerce',
        lifecycle: 'production',
        sloCount: 0,
        sloStatus: 'none',
        budgetRemaining: null,
        onCallNow: null,
        ready: false,
        gaps: ['no-rotation', 'slo-required'],
      });
      expect(res.body.items[3]).toMatchObject({
        name: 'orphan',
        tier: null,
        owner: null,
        gaps: ['no-owner', 'no-rotation', 'no-tier'],
      });
      expect(res.body.facets).toMatchObject({
        tier: { 'tier-0': 2, 'tier-1': 1, 'tier-2': 1, 'tier-3': 0, none: 1 },
        status: { none: 5 },
        readiness: { 'not-ready': 5, ready: 0 },
      });
    });

    it('filters by tier and gap, and by an owner with its child groups', async () => {
      const res = await overview('?tier=tier-0,tier-1&gap=slo-required');
      expect(names(res.body)).toEqual(['checkout', 'commerce', 'ledger']);
      expect(res.body.facets.tier).toMatchObject({
        'tier-0': 2,
        'tier-1': 1,
        'tier-2': 0,
      });
      const own = await overview('?owner=group:default/payments');
      expect(names(own.body)).toEqual(['checkout']);
      const withChildren = await overview(
        '?owner=payments&includeChildGroups=true',
      );
      expect(names(withChildren.body)).toEqual(['checkout', 'ledger']);
      const department = await overview(
        '?owner=group:default/engineering&includeChildGroups=true&kind=component',
      );
      expect(names(department.body)).toEqual(['checkout', 'ledger']);
      expect(
        names((await overview('?kind=system&lifecycle=production')).body),
      ).toEqual([]);
      expect(names((await overview('?q=HYPERLINK')).body)).toEqual([
        'checkout',
      ]);
    });

    it('pages with a cursor bound to its sort order', async () => {
      const first = await overview('?limit=2&sort=-tier');
      expect(names(first.body)).toEqual(['orphan', 'search']);
      expect(first.body.totalCount).toBe(5);
      const second = await overview(
        `?limit=2&sort=-tier&cursor=${first.body.nextCursor}`,
      );
      expect(names(second.body)).toEqual(['ledger', 'commerce']);
      const third = await overview(
        `?limit=2&sort=-tier&cursor=${second.body.nextCursor}`,
      );
      expect(names(third.body)).toEqual(['checkout']);
      expect(third.body.nextCursor).toBeUndefined();
      const otherSort = await overview(
        `?limit=2&sort=name&cursor=${first.body.nextCursor}`,
      );
      expect(otherSort.status).toBe(400);
      expect(otherSort.body.error.message).toContain("'cursor'");
    });

    it('shows and counts only what the caller may read', async () => {
      const res = await overview('', limited);
      expect(names(res.body)).toEqual(['checkout']);
      expect(res.body.totalCount).toBe(1);
      expect(res.body.facets.tier).toMatchObject({ 'tier-0': 1, none: 0 });
      const denied = await overview('', outsider);
      expect(denied.status).toBe(200);
      expect(denied.body).toMatchObject({ items: [], totalCount: 0 });
      const csv = await request(server)
        .get(`${v1}/overview.csv`)
        .set('Authorization', limited);
      expect(csv.text.trim().split('\r\n')).toHaveLength(2);
    });

    it('needs credentials', async () => {
      expect((await request(server).get(`${v1}/overview`)).status).toBe(401);
      expect((await request(server).get(`${v1}/overview.csv`)).status).toBe(
        401,
      );
    });

    it.each([
      [
        '?tier=tier-9',
        "Invalid query parameter 'tier': 'tier-9' is not a tier",
      ],
      ['?limit=500', "Invalid query parameter 'limit': must be at most 200"],
      ['?limit=0', "Invalid query parameter 'limit': must be at least 1"],
      ['?gap=no-coffee', "Invalid query parameter 'gap.0'"],
      ['?status=great', "Invalid query parameter 'status.0'"],
      ['?kind=user', "Invalid query parameter 'kind.0': must be one of"],
      ['?owner=not a ref', "Invalid query parameter 'owner.0'"],
      ['?sort=size', "Invalid query parameter 'sort'"],
      ['?cursor=bm9wZQ', "Invalid query parameter 'cursor'"],
      [
        '?includeChildGroups=yes',
        "Invalid query parameter 'includeChildGroups'",
      ],
      ['?color=red', "Unknown query parameter 'color'"],
    ])('refuses %s', async (query, message) => {
      const res = await overview(query);
      expect(res.status).toBe(400);
      expect(res.body.error.message).toContain(message);
    });

    it('exports the filtered rows as CSV, safe for spreadsheets', async () => {
      const res = await request(server)
        .get(`${v1}/overview.csv?tier=tier-0&sort=-name`)
        .set('Authorization', ana);
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toContain('text/csv');
      expect(res.headers['content-disposition']).toContain(
        'reliability-overview.csv',
      );
      const lines = res.text.split('\r\n');
      expect(lines[0]).toBe(
        'entityRef,title,kind,tier,owner,system,lifecycle,sloCount,sloStatus,budgetRemaining,onCallNow,openActions,overdueActions,readinessScore,ready,reviewState,gaps',
      );
      expect(lines[1]).toMatch(/^system:default\/commerce,,system,tier-0,/);
      // A title that a spreadsheet would run is quoted and defused.
      expect(lines[2]).toMatch(
        /^component:default\/checkout,"'=HYPERLINK\(""x""\)",component,tier-0,group:default\/payments,/,
      );
      expect(lines[2]).toMatch(/,no-rotation slo-required$/);
      expect(lines[3]).toBe('');
      const bad = await request(server)
        .get(`${v1}/overview.csv?limit=5`)
        .set('Authorization', ana);
      expect(bad.status).toBe(400);
    });

    it('keeps each row equal to a from-scratch computation after any change', async () => {
      // A seeded generator: the same sequence on every run.
      let seed = 20261123;
      const random = (n: number) => {
        seed = (seed * 1103515245 + 12345) % 2 ** 31;
        return seed % n;
      };
      const components = ['checkout', 'ledger', 'search', 'orphan'];
      const teams = ['payments', 'payments-eu', 'sre'];
      const actions: Array<{ id: string; version: number }> = [];
      const rotations: string[] = [];
      const steps: Array<() => Promise<supertest.Response | undefined>> = [
        () =>
          request(server)
            .post(`${v1}/actions`)
            .set('Authorization', ana)
            .send({
              title: 'Fix it',
              entityRef: `component:default/${components[random(4)]}`,
              owner: ANA,
              priority: 'P1',
              dueDate: new Date(Date.now() + 5 * DAY)
                .toISOString()
                .slice(0, 10),
            })
            .then(res => {
              actions.push({ id: res.body.id, version: res.body.version });
              return res;
            }),
        // Overdue ones come in through the import, created in the past.
        () =>
          request(server)
            .post(`${v1}/actions/import`)
            .set('Authorization', ana)
            .send({
              actions: [
                {
                  title: `Late ${random(1_000_000)}`,
                  entityRef: `component:default/${components[random(4)]}`,
                  owner: ANA,
                  priority: 'P1',
                  dueDate: new Date(Date.now() - 5 * DAY)
                    .toISOString()
                    .slice(0, 10),
                  createdAt: new Date(Date.now() - 30 * DAY).toISOString(),
                },
              ],
            }),
        async () => {
          const action = actions.pop();
          if (!action) return undefined;
          return request(server)
            .patch(`${v1}/actions/${action.id}`)
            .set('Authorization', ana)
            .set('If-Match', `"${action.version}"`)
            .send({ status: 'done' });
        },
        () => {
          const team = teams[random(3)];
          const id = `${team}-primary`;
          rotations.push(id);
          return request(server)
            .put(`${v1}/rotations/${id}`)
            .set('Authorization', ana)
            .send({
              name: `${team} primary`,
              team: `group:default/${team}`,
              timeZone: 'UTC',
              handoffAnchor: '2026-01-05T09:00',
              shiftLength: 'P1W',
              levels: [
                {
                  users: random(2)
                    ? ['user:default/gita']
                    : ['user:default/gita', 'user:default/hugo'],
                },
              ],
            });
        },
        async () => {
          const id = rotations[random(rotations.length || 1)];
          if (!id) return undefined;
          return request(server)
            .delete(`${v1}/rotations/${id}`)
            .set('Authorization', ana);
        },
        () =>
          request(server)
            .post(`${v1}/entities/component/default/checkout/readiness/waivers`)
            .set('Authorization', ana)
            .send({
              itemId: 'rollback',
              reason: 'Accepted for the pilot launch',
              expiresAt: new Date(Date.now() + 10 * DAY).toISOString(),
            }),
        () =>
          request(server)
            .post(
              `${v1}/entities/component/default/${
                components[random(3)]
              }/readiness/reviews`,
            )
            .set('Authorization', ana)
            .send({}),
        () =>
          request(server)
            .post(`${v1}/incidents`)
            .set('Authorization', ana)
            .send({
              title: 'Outage',
              severity: 'SEV1',
              entityRefs: [`component:default/${components[random(3)]}`],
              startedAt: new Date(Date.now() - 20 * DAY).toISOString(),
              resolvedAt: new Date(Date.now() - 19 * DAY).toISOString(),
            }),
        async () => {
          const name = components[random(3)];
          const put = await request(server)
            .put(`${v1}/entities/component/default/${name}/slos/availability`)
            .set('Authorization', ana)
            .send({
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
            });
          if (put.status >= 300) return put;
          const minute = Math.floor(Date.now() / 60_000) * 60_000;
          return request(server)
            .post(
              `${v1}/entities/component/default/${name}/slos/availability/measurements`,
            )
            .set('Authorization', ana)
            .send([
              {
                timestamp: new Date(minute - 60_000).toISOString(),
                good: 900 + random(101),
                total: 1000,
              },
            ]);
        },
      ];
      const rows = async () =>
        (await overview('?limit=200')).body.items.map(
          ({ updatedAt: _at, ...row }: OverviewRow) => row,
        );
      for (let i = 0; i < 24; i++) {
        const step = random(steps.length);
        const res = await steps[step]();
        // Steps with nothing to act on (no action left) return nothing.
        const outcome = {
          step,
          status: res && res.status >= 300 ? res.status : 'ok',
          error: res?.body?.error,
        };
        expect(outcome).toEqual({ step, status: 'ok', error: undefined });
        const incremental = await rows();
        await repair();
        const fromScratch = await rows();
        expect({ step, rows: incremental }).toEqual({
          step,
          rows: fromScratch,
        });
      }
    });
  },
);

describe('the overview after a fresh start', () => {
  it('fills in the entities the catalog holds on the next status run, without waiting for the repair', async () => {
    const scheduler = mockServices.scheduler() as SchedulerService & {
      factory: typeof mockServices.scheduler.factory;
    };
    const { server } = await startTestBackend({
      features: [
        reliabilityPlugin,
        catalogServiceMock.factory({ entities }),
        permissions.factory,
        scheduler.factory({ skipTaskRunOnStartup: true }),
      ],
    });
    const total = async () =>
      (await request(server).get(`${v1}/overview`).set('Authorization', ana))
        .body.totalCount;
    // No repair has run: nothing written touched these entities yet.
    expect(await total()).toBe(0);
    await scheduler.triggerTask('reliability-slo-status');
    expect(await total()).toBe(5);
    await scheduler.triggerTask('reliability-slo-status');
    expect(await total()).toBe(5);
  });
});
