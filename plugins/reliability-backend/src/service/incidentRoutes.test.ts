import { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import request from 'supertest';
import { reliabilityPlugin } from '../plugin';

const entity = (
  kind: string,
  name: string,
  extra: Partial<Entity> = {},
): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind,
  metadata: { name, namespace: 'default' },
  ...extra,
});
const entities = [
  entity('Component', 'checkout-api', {
    metadata: {
      name: 'checkout-api',
      namespace: 'default',
      annotations: { 'reliability/tier': 'tier-0' },
    },
    spec: {
      type: 'service',
      lifecycle: 'production',
      owner: 'group:default/checkout-team',
    },
  }),
  entity('Component', 'reports', {
    metadata: {
      name: 'reports',
      namespace: 'default',
      annotations: { 'reliability/tier': 'tier-3' },
    },
    spec: {
      type: 'service',
      lifecycle: 'production',
      owner: 'group:default/data',
    },
  }),
  entity('User', 'chen', { spec: { profile: { displayName: 'Chen Wei' } } }),
  entity('Group', 'commerce', {
    spec: { type: 'department', children: ['checkout-team'] },
    relations: [{ type: 'parentOf', targetRef: 'group:default/checkout-team' }],
  }),
  entity('Group', 'checkout-team', { spec: { type: 'team', children: [] } }),
];

const OUTSIDER = 'user:default/outsider';
const permissions = mockServices.permissions.mock({
  authorize: (async (
    requests: unknown[],
    options?: { credentials?: BackstageCredentials },
  ) => {
    const principal = options?.credentials?.principal as {
      userEntityRef?: string;
    };
    return requests.map(() => ({
      result:
        principal?.userEntityRef === OUTSIDER ||
        principal?.userEntityRef === 'user:default/chen'
          ? AuthorizeResult.DENY
          : AuthorizeResult.ALLOW,
    }));
  }) as any,
});

const owner = mockCredentials.user.header('user:default/ana');
const outsider = mockCredentials.user.header(OUTSIDER);
const chen = mockCredentials.user.header('user:default/chen');

const friday = {
  title: 'Checkout 5xx after deploy',
  severity: 'SEV1',
  entityRefs: ['component:default/checkout-api'],
  // Friday 20 November 2026, resolved 18:30 UTC.
  startedAt: '2026-11-20T16:00:00Z',
  detectedAt: '2026-11-20T16:04:00Z',
  acknowledgedAt: '2026-11-20T16:06:00Z',
  mitigatedAt: '2026-11-20T17:00:00Z',
  resolvedAt: '2026-11-20T18:30:00Z',
};

describe('incident and action routes', () => {
  let server: Awaited<ReturnType<typeof startTestBackend>>['server'];
  beforeAll(async () => {
    ({ server } = await startTestBackend({
      features: [
        reliabilityPlugin,
        catalogServiceMock.factory({ entities }),
        permissions.factory,
        mockServices.rootConfig.factory({
          data: {
            reliability: {
              timeZone: 'Europe/Berlin',
              holidays: ['2026-11-26'],
            },
          },
        }),
        mockServices.scheduler.factory({ skipTaskRunOnStartup: true }),
        mockServices.httpAuth.factory({
          defaultCredentials: mockCredentials.none(),
        }),
      ],
    }));
  });

  let incidentId: string;

  it('records an incident resolved on a Friday with its postmortem due five business days later', async () => {
    const res = await request(server)
      .post('/api/reliability/v1/incidents')
      .set('Authorization', owner)
      .send(friday);
    expect(res.status).toBe(201);
    incidentId = res.body.id;
    expect(res.body.durations).toEqual({
      timeToAcknowledgeMs: 2 * 60_000,
      timeToMitigateMs: 60 * 60_000,
      timeToResolveMs: 150 * 60_000,
    });
    // Tier-0 needs SEV1 postmortems in 5 business days. Mon 23, Tue 24,
    // Wed 25, (Thu 26 is a holiday), Fri 27, Mon 30: due end of Mon 30 in Berlin.
    expect(res.body.postmortem).toEqual({
      required: true,
      dueAt: '2026-11-30T22:59:59.999Z',
      status: null,
      documentUrl: null,
      summary: null,
      publishedAt: null,
      version: null,
      // Unpublished: late once the due date has passed, undecided before.
      onTime:
        Date.now() > Date.parse('2026-11-30T22:59:59.999Z') ? false : null,
    });
  });

  it('refuses bad incidents and writes nothing', async () => {
    for (const [body, message] of [
      [
        { ...friday, severity: 'SEV9' },
        "'severity': must be one of SEV0, SEV1, SEV2, SEV3",
      ],
      [
        { ...friday, resolvedAt: '2026-11-20T15:00:00Z' },
        "'resolvedAt': must not be before mitigatedAt",
      ],
      [{ ...friday, entityRefs: ['checkout-api'] }, "'entityRefs.0'"],
      [
        { ...friday, entityRefs: ['component:default/ghost'] },
        'component:default/ghost not in the catalog',
      ],
      [
        { ...friday, externalUrl: 'mailto:ops@acme.example' },
        "'externalUrl': must be an http(s) URL",
      ],
      [{ ...friday, id: '7' }, "Unknown request body 'id'"],
    ] as const) {
      const res = await request(server)
        .post('/api/reliability/v1/incidents')
        .set('Authorization', owner)
        .send(body);
      expect(res.status).toBe(400);
      expect(res.body.error.message).toContain(message);
    }
    const list = await request(server)
      .get(
        '/api/reliability/v1/entities/component/default/checkout-api/incidents?since=2026-01-01T00:00:00Z',
      )
      .set('Authorization', owner);
    expect(list.body.items).toHaveLength(1);
  });

  it('changes an incident only with the current version: one of two concurrent edits wins', async () => {
    const noVersion = await request(server)
      .patch(`/api/reliability/v1/incidents/${incidentId}`)
      .set('Authorization', owner)
      .send({ title: 'x' });
    expect(noVersion.status).toBe(409);
    const results = await Promise.all(
      ['Checkout 5xx', 'Checkout errors'].map(title =>
        request(server)
          .patch(`/api/reliability/v1/incidents/${incidentId}`)
          .set('Authorization', owner)
          .set('If-Match', '"1"')
          .send({ title }),
      ),
    );
    expect(results.map(r => r.status).sort()).toEqual([200, 412]);
    const outOfOrder = await request(server)
      .patch(`/api/reliability/v1/incidents/${incidentId}`)
      .set('Authorization', owner)
      .set('If-Match', '"2"')
      .send({ startedAt: '2026-11-21T00:00:00Z' });
    expect(outOfOrder.status).toBe(400);
  });

  it('publishes the postmortem and says whether it was on time', async () => {
    const res = await request(server)
      .put(`/api/reliability/v1/incidents/${incidentId}/postmortem`)
      .set('Authorization', owner)
      .send({
        status: 'published',
        documentUrl: 'https://docs.acme.example/pm/1',
        summary: 'Bad config',
      });
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('published');
    expect(res.body.dueAt).toBe('2026-11-30T22:59:59.999Z');
    // Published now (the test's clock): on time exactly when now is before the due date.
    expect(res.body.onTime).toBe(
      Date.now() <= Date.parse('2026-11-30T22:59:59.999Z'),
    );
  });

  it('needs no postmortem for a tier whose policy asks none', async () => {
    const res = await request(server)
      .post('/api/reliability/v1/incidents')
      .set('Authorization', owner)
      .send({ ...friday, entityRefs: ['component:default/reports'] });
    expect(res.body.postmortem).toMatchObject({
      required: false,
      dueAt: null,
      onTime: null,
    });
  });

  it('creates actions, validates them, and lets the owner move the status', async () => {
    const tomorrow = new Date(Date.now() + 2 * 86_400_000)
      .toISOString()
      .slice(0, 10);
    const created = await request(server)
      .post('/api/reliability/v1/actions')
      .set('Authorization', owner)
      .send({
        title: 'Add a canary',
        entityRef: 'component:default/checkout-api',
        incidentId,
        owner: 'user:default/chen',
        priority: 'P1',
        dueDate: tomorrow,
      });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      status: 'open',
      overdue: false,
      version: 1,
    });
    for (const [body, message] of [
      [
        { dueDate: '2020-01-01' },
        "'dueDate': 2020-01-01 is before the action's creation",
      ],
      [
        { owner: 'group:default/ghosts' },
        "'owner': group:default/ghosts is not in the catalog",
      ],
      [{ priority: 'urgent' }, "'priority'"],
      [{ ticketUrl: 'ftp://x' }, "'ticketUrl'"],
    ] as const) {
      const res = await request(server)
        .post('/api/reliability/v1/actions')
        .set('Authorization', owner)
        .send(
          Object.assign(
            {
              title: 'x',
              entityRef: 'component:default/checkout-api',
              owner: 'user:default/chen',
              priority: 'P1',
              dueDate: tomorrow,
            },
            body,
          ),
        );
      expect(res.status).toBe(400);
      expect(res.body.error.message).toContain(message);
    }
    const id = created.body.id;
    // Chen may not manage the entity's actions, but owns this one: status only.
    const retitle = await request(server)
      .patch(`/api/reliability/v1/actions/${id}`)
      .set('Authorization', chen)
      .set('If-Match', '"1"')
      .send({ title: 'Mine now' });
    expect(retitle.status).toBe(403);
    const started = await request(server)
      .patch(`/api/reliability/v1/actions/${id}`)
      .set('Authorization', chen)
      .set('If-Match', '"1"')
      .send({ status: 'in-progress' });
    expect(started.status).toBe(200);
    const done = await request(server)
      .patch(`/api/reliability/v1/actions/${id}`)
      .set('Authorization', chen)
      .set('If-Match', '"2"')
      .send({ status: 'done' });
    expect(done.body).toMatchObject({ status: 'done', closedOnTime: true });
    const badMove = await request(server)
      .patch(`/api/reliability/v1/actions/${id}`)
      .set('Authorization', owner)
      .set('If-Match', '"3"')
      .send({ status: 'in-progress' });
    expect(badMove.status).toBe(400);
    expect(badMove.body.error.message).toContain(
      "'status': an action cannot go from done to in-progress",
    );
    const stale = await request(server)
      .patch(`/api/reliability/v1/actions/${id}`)
      .set('Authorization', owner)
      .set('If-Match', '"1"')
      .send({ status: 'open' });
    expect(stale.status).toBe(412);
  });

  it('lists actions by owner group, child groups included, page by page', async () => {
    const due = (d: number) =>
      new Date(Date.now() + d * 86_400_000).toISOString().slice(0, 10);
    for (const d of [3, 4, 5]) {
      await request(server)
        .post('/api/reliability/v1/actions')
        .set('Authorization', owner)
        .send({
          title: `due in ${d}`,
          entityRef: 'component:default/checkout-api',
          owner: 'group:default/checkout-team',
          priority: 'P2',
          dueDate: due(d),
        });
    }
    const first = await request(server)
      .get('/api/reliability/v1/actions?owner=group:default/commerce&limit=2')
      .set('Authorization', owner);
    expect(first.status).toBe(200);
    expect(first.body.items.map((a: { title: string }) => a.title)).toEqual([
      'due in 3',
      'due in 4',
    ]);
    const second = await request(server)
      .get(
        `/api/reliability/v1/actions?owner=group:default/commerce&limit=2&cursor=${first.body.nextCursor}`,
      )
      .set('Authorization', owner);
    expect(second.body.items.map((a: { title: string }) => a.title)).toEqual([
      'due in 5',
    ]);
    expect(second.body.nextCursor).toBeNull();
    const bad = await request(server)
      .get(
        '/api/reliability/v1/actions?owner=group:default/commerce&limit=1000',
      )
      .set('Authorization', owner);
    expect(bad.status).toBe(400);
    const badCursor = await request(server)
      .get(
        '/api/reliability/v1/actions?owner=group:default/commerce&cursor=nope',
      )
      .set('Authorization', owner);
    expect(badCursor.status).toBe(400);
    const entityActions = await request(server)
      .get(
        '/api/reliability/v1/entities/component/default/checkout-api/actions',
      )
      .set('Authorization', owner);
    expect(
      entityActions.body.items.map((a: { title: string }) => a.title),
    ).toEqual(['due in 3', 'due in 4', 'due in 5']);
    const summary = await request(server)
      .get(
        '/api/reliability/v1/entities/component/default/checkout-api/summary',
      )
      .set('Authorization', owner);
    expect(summary.body.actions).toEqual({
      open: 3,
      overdue: 0,
      oldestAgeDays: 0,
    });
  });

  it('imports a CSV backlog: a dry run reports, a real run writes all or nothing', async () => {
    const csv = [
      'title,entityRef,owner,priority,dueDate,status,createdAt',
      'Imported: add dashboards,component:default/checkout-api,group:default/checkout-team,P2,2026-10-01,open,2026-09-01',
      '"Imported: retire v1, finally",component:default/checkout-api,user:default/chen,P3,2027-01-15,in-progress,',
      'Add a canary,component:default/checkout-api,user:default/chen,P1,2027-01-01,open,',
    ].join('\n');
    const dry = await request(server)
      .post('/api/reliability/v1/actions/import?dryRun=true')
      .set('Authorization', owner)
      .set('Content-Type', 'text/csv')
      .send(csv);
    expect(dry.status).toBe(200);
    // "Add a canary" exists already on that entity: skipped.
    expect(dry.body).toEqual({
      dryRun: true,
      total: 3,
      create: 2,
      skip: 1,
      errors: [],
    });
    const before = await request(server)
      .get(
        '/api/reliability/v1/entities/component/default/checkout-api/actions?status=all',
      )
      .set('Authorization', owner);

    const bad = await request(server)
      .post('/api/reliability/v1/actions/import')
      .set('Authorization', owner)
      .send({
        actions: [
          {
            title: 'ok',
            entityRef: 'component:default/checkout-api',
            owner: 'user:default/chen',
            priority: 'P1',
            dueDate: '2027-01-01',
          },
          {
            title: 'late',
            entityRef: 'component:default/checkout-api',
            owner: 'user:default/chen',
            priority: 'P1',
            dueDate: '2026-01-01',
            createdAt: '2026-02-01',
          },
          {
            title: 'who',
            entityRef: 'component:default/checkout-api',
            owner: 'group:default/ghosts',
            priority: 'P1',
            dueDate: '2027-01-01',
          },
          {
            title: 'x',
            entityRef: 'component:default/checkout-api',
            owner: 'user:default/chen',
            priority: 'P9',
            dueDate: '2027-01-01',
            color: 'red',
          },
        ],
      });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain(
      "Nothing imported: row 2 'dueDate': 2026-01-01 is before the action's creation (2026-02-01)",
    );
    expect(bad.body.error.message).toContain(
      "row 3 'owner': group:default/ghosts is not in the catalog",
    );
    expect(bad.body.error.message).toContain("row 4 'color': unknown column");
    const unchanged = await request(server)
      .get(
        '/api/reliability/v1/entities/component/default/checkout-api/actions?status=all',
      )
      .set('Authorization', owner);
    expect(unchanged.body.items).toHaveLength(before.body.items.length);

    const real = await request(server)
      .post('/api/reliability/v1/actions/import')
      .set('Authorization', owner)
      .set('Content-Type', 'text/csv')
      .send(csv);
    expect(real.body).toMatchObject({ dryRun: false, create: 2, skip: 1 });
    const after = await request(server)
      .get(
        '/api/reliability/v1/entities/component/default/checkout-api/actions?status=all',
      )
      .set('Authorization', owner);
    expect(after.body.items).toHaveLength(before.body.items.length + 2);
    const imported = after.body.items.find(
      (a: { title: string }) => a.title === 'Imported: add dashboards',
    );
    expect(imported).toMatchObject({
      overdue: true,
      createdAt: '2026-09-01T00:00:00.000Z',
    });

    const refused = await request(server)
      .post('/api/reliability/v1/actions/import')
      .set('Authorization', outsider)
      .set('Content-Type', 'text/csv')
      .send(csv);
    expect(refused.status).toBe(403);
  });

  it('refuses an import over 1,000 rows with 413, and lets the API token record incidents', async () => {
    const rows = Array.from({ length: 1001 }, (_, i) => ({ title: `t${i}` }));
    const tooMany = await request(server)
      .post('/api/reliability/v1/actions/import?dryRun=true')
      .set('Authorization', owner)
      .send({ actions: rows });
    expect(tooMany.status).toBe(413);
    const byToken = await request(server)
      .post('/api/reliability/v1/incidents')
      .set('Authorization', mockCredentials.service.header())
      .send({ ...friday, title: 'Recorded by the incident tool' });
    expect(byToken.status).toBe(201);
    expect(byToken.body.postmortem.dueAt).toBe('2026-11-30T22:59:59.999Z');
  });

  it.each([
    ['post', '/api/reliability/v1/actions/import'],
    ['post', '/api/reliability/v1/incidents'],
    ['get', '/api/reliability/v1/incidents/1'],
    ['patch', '/api/reliability/v1/incidents/1'],
    ['put', '/api/reliability/v1/incidents/1/postmortem'],
    ['post', '/api/reliability/v1/actions'],
    ['get', '/api/reliability/v1/actions?owner=group:default/commerce'],
    ['patch', '/api/reliability/v1/actions/1'],
    [
      'get',
      '/api/reliability/v1/entities/component/default/checkout-api/incidents',
    ],
    [
      'get',
      '/api/reliability/v1/entities/component/default/checkout-api/actions',
    ],
  ])('answers 401 to %s %s without credentials', async (method, url) => {
    expect((await (request(server) as any)[method](url)).status).toBe(401);
  });

  it('refuses the wrong user', async () => {
    expect(
      (
        await request(server)
          .post('/api/reliability/v1/incidents')
          .set('Authorization', outsider)
          .send(friday)
      ).status,
    ).toBe(403);
    expect(
      (
        await request(server)
          .get(`/api/reliability/v1/incidents/${incidentId}`)
          .set('Authorization', outsider)
      ).status,
    ).toBe(403);
    expect(
      (
        await request(server)
          .put(`/api/reliability/v1/incidents/${incidentId}/postmortem`)
          .set('Authorization', outsider)
          .send({ status: 'draft' })
      ).status,
    ).toBe(403);
    expect(
      (
        await request(server)
          .get(
            '/api/reliability/v1/entities/component/default/checkout-api/actions',
          )
          .set('Authorization', outsider)
      ).status,
    ).toBe(403);
  });
});
