import { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { failingRequiredItems } from '@reliability-suite/plugin-reliability-common';
import request from '../__testUtils__/specCheckedRequest';
import { reliabilityPlugin } from '../plugin';

const component = (name: string, tier: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name,
    namespace: 'default',
    annotations: { 'reliability/tier': tier },
  },
  spec: {
    type: 'service',
    lifecycle: 'production',
    owner: 'group:default/payments',
  },
});
const entities: Entity[] = [
  component('tools', 'tier-3'),
  component('svc', 'tier-1'),
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name: 'payments', namespace: 'default' },
    spec: { type: 'team', children: [] },
  },
];

const ANA = 'user:default/ana';
const GITA = 'user:default/gita';
const OUTSIDER = 'user:default/outsider';
const permissions = mockServices.permissions.mock({
  authorize: (async (
    requests: Array<{ permission: { name: string } }>,
    options?: { credentials?: BackstageCredentials },
  ) => {
    const user = (options?.credentials?.principal as { userEntityRef?: string })
      ?.userEntityRef;
    return requests.map(({ permission }) => {
      if (user === OUTSIDER) return { result: AuthorizeResult.DENY };
      if (permission.name === 'reliability.readiness.approve' && user !== GITA)
        return { result: AuthorizeResult.DENY };
      return { result: AuthorizeResult.ALLOW };
    });
  }) as any,
});

const ana = mockCredentials.user.header(ANA);
const gita = mockCredentials.user.header(GITA);
const outsider = mockCredentials.user.header(OUTSIDER);
const base = '/api/reliability/v1/entities/component/default';

describe('readiness routes', () => {
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

  it("evaluates the tier's template", async () => {
    const res = await request(server)
      .get(`${base}/tools/readiness`)
      .set('Authorization', ana);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      tier: 'tier-3',
      ready: true,
      review: null,
    });
    expect(
      res.body.items.map((i: { id: string; status: string }) => [
        i.id,
        i.status,
      ]),
    ).toEqual([
      ['owner', 'pass'],
      ['tier', 'pass'],
      ['runbook', 'fail'],
    ]);
    expect(res.body.score).toBeCloseTo(2 / 3, 9);
  });

  it('lets an owner request a review and an approver approve it, once', async () => {
    const requested = await request(server)
      .post(`${base}/tools/readiness/reviews`)
      .set('Authorization', ana)
      .send({ targetLaunchDate: '2026-12-15' });
    expect(requested.status).toBe(201);
    expect(requested.body).toMatchObject({
      state: 'requested',
      requestedBy: ANA,
      targetLaunchDate: '2026-12-15',
    });
    expect(
      (
        await request(server)
          .post(`${base}/tools/readiness/reviews`)
          .set('Authorization', ana)
          .send({})
      ).status,
    ).toBe(409);

    const queue = await request(server)
      .get('/api/reliability/v1/readiness/reviews?state=requested')
      .set('Authorization', gita);
    expect(queue.body.items).toEqual([
      expect.objectContaining({
        id: requested.body.id,
        tier: 'tier-3',
        owner: 'group:default/payments',
        failingRequired: [],
      }),
    ]);

    const byOwner = await request(server)
      .post(
        `/api/reliability/v1/readiness/reviews/${requested.body.id}/decision`,
      )
      .set('Authorization', ana)
      .send({ decision: 'approve' });
    expect(byOwner.status).toBe(403);
    const approved = await request(server)
      .post(
        `/api/reliability/v1/readiness/reviews/${requested.body.id}/decision`,
      )
      .set('Authorization', gita)
      .send({ decision: 'approve', comment: 'Fine for a tool' });
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({
      state: 'approved',
      decidedBy: GITA,
      tierId: 'tier-3',
      comment: 'Fine for a tool',
    });
    expect(approved.body.snapshot.items).toHaveLength(3);
    const again = await request(server)
      .post(
        `/api/reliability/v1/readiness/reviews/${requested.body.id}/decision`,
      )
      .set('Authorization', gita)
      .send({ decision: 'reject' });
    expect(again.status).toBe(409);
    const readiness = await request(server)
      .get(`${base}/tools/readiness`)
      .set('Authorization', ana);
    expect(readiness.body.review).toMatchObject({
      id: requested.body.id,
      state: 'approved',
    });
  });

  it("refuses a service token the approver's decisions, and writes nothing", async () => {
    const service = mockCredentials.service.header();
    const review = await request(server)
      .post(`${base}/svc/readiness/reviews`)
      .set('Authorization', ana)
      .send({});
    expect(review.status).toBe(201);
    const message =
      "'reliability.readiness.approve' is a person's decision: service credentials (an API token, another plugin) cannot approve";
    const decided = await request(server)
      .post(`/api/reliability/v1/readiness/reviews/${review.body.id}/decision`)
      .set('Authorization', service)
      .send({ decision: 'reject' });
    expect(decided.status).toBe(403);
    expect(decided.body.error.message).toBe(message);
    const waived = await request(server)
      .post(`${base}/svc/readiness/waivers`)
      .set('Authorization', service)
      .send({
        itemId: 'runbook',
        reason: 'A script tries to waive the runbook',
        expiresAt: new Date(Date.now() + 86_400_000).toISOString(),
      });
    expect(waived.status).toBe(403);
    expect(waived.body.error.message).toBe(message);
    const readiness = await request(server)
      .get(`${base}/svc/readiness`)
      .set('Authorization', ana);
    expect(readiness.body.review).toMatchObject({
      id: review.body.id,
      state: 'requested',
    });
    expect(
      readiness.body.items.find((i: { id: string }) => i.id === 'runbook')
        .waiver,
    ).toBeUndefined();
    // Withdraw it as a person would: gita rejects, so later tests start clean.
    const rejected = await request(server)
      .post(`/api/reliability/v1/readiness/reviews/${review.body.id}/decision`)
      .set('Authorization', gita)
      .send({ decision: 'reject' });
    expect(rejected.status).toBe(200);
  });

  it('refuses an approver deciding their own request', async () => {
    const own = await request(server)
      .post(`${base}/tools/readiness/reviews`)
      .set('Authorization', gita)
      .send({});
    const res = await request(server)
      .post(`/api/reliability/v1/readiness/reviews/${own.body.id}/decision`)
      .set('Authorization', gita)
      .send({ decision: 'approve' });
    expect(res.status).toBe(403);
    expect(res.body.error.message).toBe(
      'Nobody decides their own review request',
    );
  });

  it('shows the queue what changed since the last approval', async () => {
    // tools was approved above with its (recommended) runbook failing; gita's own request
    // is pending. A waiver moves the runbook item from fail to waived.
    const waived = await request(server)
      .post(`${base}/tools/readiness/waivers`)
      .set('Authorization', gita)
      .send({
        itemId: 'runbook',
        reason: 'Internal tool, runbook in the wiki',
        expiresAt: new Date(Date.now() + 7 * 86_400_000).toISOString(),
      });
    expect(waived.status).toBe(201);
    const queue = await request(server)
      .get('/api/reliability/v1/readiness/reviews?state=requested')
      .set('Authorization', gita);
    expect(queue.status).toBe(200);
    const pending = queue.body.items.find(
      (r: { entityRef: string }) => r.entityRef === 'component:default/tools',
    );
    expect(pending).toMatchObject({
      requestedBy: GITA,
      lastApproval: { decidedBy: GITA },
      changesSinceApproval: [
        {
          id: 'runbook',
          level: 'recommended',
          change: 'status',
          before: 'fail',
          after: 'waived',
        },
      ],
    });
  });

  it('refuses approval while required items fail unwaived, and accepts it once waived', async () => {
    const review = await request(server)
      .post(`${base}/svc/readiness/reviews`)
      .set('Authorization', ana)
      .send({});
    const refused = await request(server)
      .post(`/api/reliability/v1/readiness/reviews/${review.body.id}/decision`)
      .set('Authorization', gita)
      .send({ decision: 'approve' });
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toContain(
      'Cannot approve: required items fail and are not waived: oncall',
    );
    const readiness = await request(server)
      .get(`${base}/svc/readiness`)
      .set('Authorization', ana);
    const failing = failingRequiredItems(readiness.body.items);
    const expiresAt = new Date(Date.now() + 7 * 86_400_000).toISOString();
    for (const item of failing) {
      const waived = await request(server)
        .post(`${base}/svc/readiness/waivers`)
        .set('Authorization', gita)
        .send({
          itemId: item.id,
          reason: 'Launch to 1 % first, accepted',
          expiresAt,
        });
      expect(waived.status).toBe(201);
    }
    const approved = await request(server)
      .post(`/api/reliability/v1/readiness/reviews/${review.body.id}/decision`)
      .set('Authorization', gita)
      .send({ decision: 'approve' });
    expect(approved.status).toBe(200);
    const after = await request(server)
      .get(`${base}/svc/readiness`)
      .set('Authorization', ana);
    expect(after.body.ready).toBe(true);
  });

  it('takes attestations from owners, with evidence, for manual items only', async () => {
    const ok = await request(server)
      .post(`${base}/svc/readiness/attestations`)
      .set('Authorization', ana)
      .send({
        itemId: 'rollback',
        evidenceUrl: 'https://docs.acme.example/rollback',
        note: 'Tested 2026-11-20',
      });
    expect(ok.status).toBe(201);
    expect(ok.body).toMatchObject({ itemId: 'rollback', attestedBy: ANA });
    // 180 days of validity for the rollback plan.
    expect(Date.parse(ok.body.expiresAt) - Date.parse(ok.body.attestedAt)).toBe(
      180 * 86_400_000,
    );
    const readiness = await request(server)
      .get(`${base}/svc/readiness`)
      .set('Authorization', ana);
    expect(
      readiness.body.items.find((i: { id: string }) => i.id === 'rollback'),
    ).toMatchObject({ status: 'attested' });
    const removed = await request(server)
      .delete(`${base}/svc/readiness/attestations/${ok.body.id}`)
      .set('Authorization', ana);
    expect(removed.status).toBe(204);
  });

  it.each([
    [
      'post',
      'svc/readiness/attestations',
      { itemId: 'nope', evidenceUrl: 'https://x.example' },
      400,
      "'itemId': 'nope' is not an item",
    ],
    [
      'post',
      'svc/readiness/attestations',
      { itemId: 'runbook', evidenceUrl: 'https://x.example' },
      400,
      'checked automatically',
    ],
    [
      'post',
      'svc/readiness/attestations',
      { itemId: 'rollback', evidenceUrl: 'ftp://x.example' },
      400,
      "'evidenceUrl': must be an http(s) URL",
    ],
    [
      'post',
      'svc/readiness/waivers',
      {
        itemId: 'runbook',
        reason: 'A good reason here',
        expiresAt: '2020-01-01T00:00:00Z',
      },
      400,
      "'expiresAt': must be in the future",
    ],
    [
      'post',
      'svc/readiness/waivers',
      {
        itemId: 'runbook',
        reason: 'A good reason here',
        expiresAt: '2030-01-01T00:00:00Z',
      },
      400,
      'a waiver lasts at most 90 days',
    ],
  ])('rejects %s %s (%#)', async (method, path, body, status, message) => {
    const res = await (request(server) as any)
      [method](`${base}/${path}`)
      .set('Authorization', gita)
      .send(body);
    expect(res.status).toBe(status);
    expect(res.body.error.message).toContain(message);
  });

  it('keeps owners from waiving and outsiders from anything', async () => {
    const expiresAt = new Date(Date.now() + 86_400_000).toISOString();
    expect(
      (
        await request(server)
          .post(`${base}/svc/readiness/waivers`)
          .set('Authorization', ana)
          .send({ itemId: 'runbook', reason: 'A good reason here', expiresAt })
      ).status,
    ).toBe(403);
    expect(
      (
        await request(server)
          .get(`${base}/svc/readiness`)
          .set('Authorization', outsider)
      ).status,
    ).toBe(403);
    expect(
      (
        await request(server)
          .post(`${base}/svc/readiness/attestations`)
          .set('Authorization', outsider)
          .send({ itemId: 'rollback', evidenceUrl: 'https://x.example' })
      ).status,
    ).toBe(403);
    expect((await request(server).get(`${base}/svc/readiness`)).status).toBe(
      401,
    );
    expect(
      (await request(server).get('/api/reliability/v1/readiness/reviews'))
        .status,
    ).toBe(401);
  });

  it('pages the queue with an opaque cursor', async () => {
    // Approved above: tools' first review, then svc's.
    const url = '/api/reliability/v1/readiness/reviews?state=approved&limit=1';
    const first = await request(server).get(url).set('Authorization', gita);
    expect(first.status).toBe(200);
    expect(first.body.items).toHaveLength(1);
    expect(first.body.items[0].entityRef).toBe('component:default/tools');
    expect(first.body.nextCursor).toEqual(expect.any(String));
    expect(first.body.nextCursor).not.toBe(first.body.items[0].id);
    const second = await request(server)
      .get(`${url}&cursor=${encodeURIComponent(first.body.nextCursor)}`)
      .set('Authorization', gita);
    expect(second.status).toBe(200);
    expect(
      second.body.items.map((r: { entityRef: string }) => r.entityRef),
    ).toEqual(['component:default/svc']);
    expect(second.body.nextCursor).toBeNull();
    const bad = await request(server)
      .get(`${url}&cursor=12`)
      .set('Authorization', gita);
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toBe(
      "Invalid query parameter 'cursor': not a cursor from a previous page",
    );
  });
});
