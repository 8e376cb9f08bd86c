import { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  createRotationConditionalDecision,
  rotationConditions,
} from '@reliability-suite/plugin-reliability-node';
import { reliabilityOncallManagePermission } from '@reliability-suite/plugin-reliability-common';
import request from '../__testUtils__/specCheckedRequest';
import { auditRecorder } from '../__testUtils__/auditRecorder';
import { testDatabaseIds } from '../database/__testUtils__/testDatabaseIds';
import { reliabilityPlugin } from '../plugin';

const user = (name: string, displayName: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'User',
  metadata: { name, namespace: 'default' },
  spec: {
    profile: { displayName, email: `${name}@acme.example` },
    memberOf: [],
  },
});
const group = (
  name: string,
  members: string[],
  children: string[] = [],
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
  ],
});
const component = (
  name: string,
  owner: string,
  annotations: Record<string, string> = {},
): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name,
    namespace: 'default',
    annotations: { 'reliability/tier': 'tier-2', ...annotations },
  },
  spec: { type: 'service', lifecycle: 'production', owner },
});

const entities = [
  user('ana', 'Ana Alves'),
  user('bruno', 'Bruno Brandt'),
  user('chen', 'Chen Wei'),
  user('gita', 'Gita Gupta'),
  group('commerce', [], ['payments', 'empty-team']),
  group('payments', ['ana', 'bruno']),
  group('empty-team', []),
  component('payment-gateway', 'group:default/payments'),
  component('ledger', 'payments', { 'reliability/oncall-rotation': 'solo' }),
  component('coupons', 'group:default/empty-team'),
  component('legacy', 'none'),
  component('ghost', 'group:default/ghosts'),
];

const CLAIMS: Record<string, string[]> = {
  'user:default/ana': ['user:default/ana', 'group:default/payments'],
  'user:default/outsider': ['user:default/outsider'],
};

/** Members get the team-member condition, the SRE a plain ALLOW. */
const permissions = mockServices.permissions.mock({
  authorize: (async (requests: unknown[]) =>
    requests.map(() => ({ result: AuthorizeResult.ALLOW }))) as any,
  authorizeConditional: (async (
    requests: unknown[],
    options?: { credentials?: BackstageCredentials },
  ) => {
    const principal = options?.credentials?.principal as {
      type: string;
      userEntityRef?: string;
    };
    return requests.map(() => {
      if (
        principal.type === 'service' ||
        principal.userEntityRef === 'user:default/gita'
      ) {
        return { result: AuthorizeResult.ALLOW };
      }
      return createRotationConditionalDecision(
        reliabilityOncallManagePermission,
        rotationConditions.isRotationTeamMember({
          claims: CLAIMS[principal.userEntityRef!] ?? [],
        }),
      );
    });
  }) as any,
});

const ana = mockCredentials.user.header('user:default/ana');
const gita = mockCredentials.user.header('user:default/gita');
const outsider = mockCredentials.user.header('user:default/outsider');

const rotation = {
  name: 'Payments primary',
  team: 'group:default/payments',
  timeZone: 'Europe/Berlin',
  handoffAnchor: '2026-03-02T09:00',
  shiftLength: 'P1W',
  levels: [
    { users: ['user:default/ana', 'user:default/bruno', 'user:default/chen'] },
  ],
};

describe('on-call routes', () => {
  let server: Awaited<ReturnType<typeof startTestBackend>>['server'];
  beforeAll(async () => {
    ({ server } = await startTestBackend({
      features: [
        reliabilityPlugin,
        catalogServiceMock.factory({ entities }),
        permissions.factory,
        mockServices.scheduler.factory({ skipTaskRunOnStartup: true }),
        mockServices.httpAuth.factory({
          defaultCredentials: mockCredentials.none(),
        }),
      ],
    }));
  });

  it('lets a team member create the team rotation, and tells who is on call across the March change', async () => {
    const created = await request(server)
      .put('/api/reliability/v1/rotations/payments-primary')
      .set('Authorization', ana)
      .send(rotation);
    expect(created.status).toBe(201);
    expect(created.headers.etag).toBe('"1"');

    const res = await request(server)
      .get(
        '/api/reliability/v1/entities/component/default/payment-gateway/oncall?at=2026-03-30T07:30:00Z',
      )
      .set('Authorization', ana);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      team: 'group:default/payments',
      rotation: {
        id: 'payments-primary',
        name: 'Payments primary',
        timeZone: 'Europe/Berlin',
      },
      levels: [
        {
          level: 1,
          user: {
            ref: 'user:default/bruno',
            displayName: 'Bruno Brandt',
            email: 'bruno@acme.example',
          },
          shiftEnd: '2026-04-06T07:00:00.000Z',
          override: false,
        },
      ],
      nextHandoffs: [
        expect.objectContaining({
          at: '2026-04-06T07:00:00.000Z',
          from: 'user:default/bruno',
          to: 'user:default/chen',
        }),
        expect.objectContaining({
          at: '2026-04-13T07:00:00.000Z',
          to: 'user:default/ana',
        }),
        expect.objectContaining({
          at: '2026-04-20T07:00:00.000Z',
          to: 'user:default/bruno',
        }),
      ],
      source: 'rotations',
      gaps: [],
    });
    expect(res.body.nextHandoffs[0].toPerson).toEqual({
      ref: 'user:default/chen',
      displayName: 'Chen Wei',
      email: 'chen@acme.example',
    });
  });

  it('refuses a non-member, and a member moving the rotation to another team', async () => {
    const denied = await request(server)
      .put('/api/reliability/v1/rotations/payments-primary')
      .set('Authorization', outsider)
      .send({ ...rotation, version: 1 });
    expect(denied.status).toBe(403);
    const moved = await request(server)
      .put('/api/reliability/v1/rotations/payments-primary')
      .set('Authorization', ana)
      .send({ ...rotation, team: 'group:default/empty-team', version: 1 });
    expect(moved.status).toBe(403);
    const override = await request(server)
      .post('/api/reliability/v1/rotations/payments-primary/overrides')
      .set('Authorization', outsider)
      .send({
        start: '2026-03-30T00:00:00Z',
        end: '2026-03-30T12:00:00Z',
        user: 'user:default/chen',
      });
    expect(override.status).toBe(403);
  });

  it('lets exactly one of two concurrent replaces with the same version win', async () => {
    const results = await Promise.all(
      ['P1D', 'P2W'].map(shiftLength =>
        request(server)
          .put('/api/reliability/v1/rotations/payments-primary')
          .set('Authorization', ana)
          .set('If-Match', '"1"')
          .send({ ...rotation, shiftLength }),
      ),
    );
    expect(results.map(r => r.status).sort()).toEqual([200, 412]);
    const back = await request(server)
      .put('/api/reliability/v1/rotations/payments-primary')
      .set('Authorization', gita)
      .set('If-Match', '"2"')
      .send(rotation);
    expect(back.status).toBe(200);
    expect(back.body.version).toBe(3);
  });

  it('adds an override that wins over the schedule, and removes it', async () => {
    const added = await request(server)
      .post('/api/reliability/v1/rotations/payments-primary/overrides')
      .set('Authorization', ana)
      .send({
        start: '2026-03-29T20:00:00Z',
        end: '2026-03-30T12:00:00Z',
        user: 'user:default/chen',
      });
    expect(added.status).toBe(201);
    const during = await request(server)
      .get(
        '/api/reliability/v1/entities/component/default/payment-gateway/oncall?at=2026-03-30T07:30:00Z',
      )
      .set('Authorization', ana);
    expect(during.body.levels[0]).toMatchObject({
      user: { ref: 'user:default/chen' },
      override: true,
      shiftEnd: '2026-03-30T12:00:00.000Z',
    });
    const removed = await request(server)
      .delete(
        `/api/reliability/v1/rotations/payments-primary/overrides/${added.body.id}`,
      )
      .set('Authorization', ana);
    expect(removed.status).toBe(204);
    const after = await request(server)
      .get(
        '/api/reliability/v1/entities/component/default/payment-gateway/oncall?at=2026-03-30T07:30:00Z',
      )
      .set('Authorization', ana);
    expect(after.body.levels[0].user.ref).toBe('user:default/bruno');
  });

  it.each([
    [{ timeZone: 'Mars/Olympus' }, "'timeZone'"],
    [{ shiftLength: 'PT0S' }, "'shiftLength': must be at least one hour"],
    [{ shiftLength: '-P1D' }, "'shiftLength'"],
    [{ levels: [] }, "'levels': must have at least one level"],
    [
      { levels: [{ users: ['group:default/payments'] }] },
      "'levels.0.users.0': must be a User entity ref",
    ],
    [
      { levels: [{ users: ['user:default/zed'] }] },
      "'levels.0.users.0': user:default/zed is not a User in the catalog",
    ],
    [{ team: 'payments' }, "'team'"],
    [{ owner: 'me' }, "Unknown request body 'owner'"],
  ])(
    'rejects a bad rotation (%#) and writes nothing',
    async (change, message) => {
      const res = await request(server)
        .put('/api/reliability/v1/rotations/new-rotation')
        .set('Authorization', gita)
        .send({ ...rotation, ...change });
      expect(res.status).toBe(400);
      expect(res.body.error.message).toContain(message);
      expect(
        (
          await request(server)
            .get('/api/reliability/v1/rotations/new-rotation')
            .set('Authorization', gita)
        ).status,
      ).toBe(404);
    },
  );

  it.each([
    [
      { start: '2026-03-30T12:00:00Z', end: '2026-03-30T00:00:00Z' },
      "'end': must be after start",
    ],
    [{ level: 2 }, "'level': rotation 'payments-primary' has 1 level"],
    [
      { user: 'user:default/zed' },
      "'user': user:default/zed is not a User in the catalog",
    ],
  ])(
    'rejects a bad override (%#) and writes nothing',
    async (change, message) => {
      const res = await request(server)
        .post('/api/reliability/v1/rotations/payments-primary/overrides')
        .set('Authorization', ana)
        .send({
          start: '2026-03-30T00:00:00Z',
          end: '2026-03-30T12:00:00Z',
          user: 'user:default/chen',
          ...change,
        });
      expect(res.status).toBe(400);
      expect(res.body.error.message).toContain(message);
      const stored = await request(server)
        .get('/api/reliability/v1/rotations/payments-primary')
        .set('Authorization', ana);
      expect(stored.body.overrides).toEqual([]);
    },
  );

  it('lets the API token (a service principal) manage rotations', async () => {
    const service = mockCredentials.service.header();
    const created = await request(server)
      .put('/api/reliability/v1/rotations/token-made')
      .set('Authorization', service)
      .send({ ...rotation, name: 'Made by a script' });
    expect(created.status).toBe(201);
    const removed = await request(server)
      .delete('/api/reliability/v1/rotations/token-made')
      .set('Authorization', service);
    expect(removed.status).toBe(204);
  });

  it('answers 404s', async () => {
    expect(
      (
        await request(server)
          .get('/api/reliability/v1/rotations/nope')
          .set('Authorization', ana)
      ).status,
    ).toBe(404);
    expect(
      (
        await request(server)
          .delete(
            '/api/reliability/v1/rotations/payments-primary/overrides/999',
          )
          .set('Authorization', ana)
      ).status,
    ).toBe(404);
    expect(
      (
        await request(server)
          .get('/api/reliability/v1/entities/component/default/nope/oncall')
          .set('Authorization', ana)
      ).status,
    ).toBe(404);
  });

  it.each([
    ['get', '/api/reliability/v1/rotations'],
    ['get', '/api/reliability/v1/rotations/payments-primary'],
    ['put', '/api/reliability/v1/rotations/payments-primary'],
    ['delete', '/api/reliability/v1/rotations/payments-primary'],
    ['post', '/api/reliability/v1/rotations/payments-primary/overrides'],
    ['delete', '/api/reliability/v1/rotations/payments-primary/overrides/1'],
    [
      'get',
      '/api/reliability/v1/entities/component/default/payment-gateway/oncall',
    ],
  ])('answers 401 to %s %s without credentials', async (method, url) => {
    const res = await (request(server) as any)[method](url);
    expect(res.status).toBe(401);
  });

  it('lists rotations by owner, and validates the owner', async () => {
    const res = await request(server)
      .get('/api/reliability/v1/rotations?owner=group:default/payments')
      .set('Authorization', ana);
    expect(res.body.items.map((r: { id: string }) => r.id)).toEqual([
      'payments-primary',
    ]);
    const bad = await request(server)
      .get('/api/reliability/v1/rotations?owner=payments')
      .set('Authorization', ana);
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain("Invalid query parameter 'owner'");
  });

  it('reports the ownership gaps in the summary', async () => {
    const gapsOf = async (name: string) =>
      (
        await request(server)
          .get(`/api/reliability/v1/entities/component/default/${name}/summary`)
          .set('Authorization', ana)
      ).body.gaps.map((g: { code: string }) => g.code);
    // A one-person rotation named by annotation.
    await request(server)
      .put('/api/reliability/v1/rotations/solo')
      .set('Authorization', ana)
      .send({
        ...rotation,
        name: 'Solo',
        levels: [{ users: ['user:default/ana'] }],
      });
    expect(await gapsOf('payment-gateway')).toEqual([]);
    expect(await gapsOf('ledger')).toEqual(['single-person-rotation']);
    expect(await gapsOf('coupons')).toEqual([
      'owner-group-empty',
      'no-rotation',
    ]);
    expect(await gapsOf('legacy')).toEqual(['no-owner', 'no-rotation']);
    expect(await gapsOf('ghost')).toEqual(['owner-not-found', 'no-rotation']);
    const summary = await request(server)
      .get(
        '/api/reliability/v1/entities/component/default/payment-gateway/summary',
      )
      .set('Authorization', ana);
    expect(summary.body.oncall).toEqual({
      rotation: 'Payments primary',
      source: 'rotations',
      now: expect.objectContaining({
        ref: expect.stringMatching(/^user:default\//),
      }),
      nextHandoff: expect.objectContaining({ at: expect.any(String) }),
    });
  });

  it('deletes a rotation for a member', async () => {
    const res = await request(server)
      .delete('/api/reliability/v1/rotations/solo')
      .set('Authorization', ana);
    expect(res.status).toBe(204);
    expect(
      (
        await request(server)
          .get('/api/reliability/v1/rotations/solo')
          .set('Authorization', ana)
      ).status,
    ).toBe(404);
  });
});

const databases = TestDatabases.create({
  ids: testDatabaseIds,
  disableDocker: true,
});

describe.each(databases.eachSupportedId())(
  'concurrent rotation deletes on %s',
  databaseId => {
    it('answers 204 to exactly one of ten deletes with the same If-Match, with one audit event', async () => {
      const audit = auditRecorder();
      const { server } = await startTestBackend({
        features: [
          reliabilityPlugin,
          catalogServiceMock.factory({ entities }),
          permissions.factory,
          audit.factory,
          mockServices.database.factory({
            knex: await databases.init(databaseId),
          }),
          mockServices.scheduler.factory({ skipTaskRunOnStartup: true }),
          mockServices.httpAuth.factory({
            defaultCredentials: mockCredentials.none(),
          }),
        ],
      });
      const created = await request(server)
        .put('/api/reliability/v1/rotations/race')
        .set('Authorization', ana)
        .send(rotation);
      expect(created.status).toBe(201);
      const statuses = await Promise.all(
        Array.from({ length: 10 }, () =>
          request(server)
            .delete('/api/reliability/v1/rotations/race')
            .set('Authorization', ana)
            .set('If-Match', '"1"')
            .then(r => r.status),
        ),
      );
      expect(statuses.filter(s => s === 204)).toHaveLength(1);
      expect(statuses.filter(s => s !== 204 && s !== 404 && s !== 412)).toEqual(
        [],
      );
      expect(audit.succeeded('rotation-delete')).toEqual([
        expect.objectContaining({
          meta: { rotation: 'race', team: 'group:default/payments' },
        }),
      ]);
      expect(
        (
          await request(server)
            .get('/api/reliability/v1/rotations/race')
            .set('Authorization', ana)
        ).status,
      ).toBe(404);
    });
  },
);
