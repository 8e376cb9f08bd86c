import { mockCredentials } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { ReadinessItemResult } from '@reliability-suite/plugin-reliability-common';
import { StoredReview } from '../database/readiness/ReadinessStore';
import { reliabilityTestDatabases } from '../database/__testUtils__/reliabilityTestDatabases';
import { ReadinessReviewService } from './ReadinessReviewService';
import { ReadinessService } from './ReadinessService';

jest.setTimeout(60_000);

const databases = reliabilityTestDatabases();
const component = (name: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name, namespace: 'default' },
  spec: { type: 'service', owner: 'group:default/payments' },
});
const SVC = 'component:default/svc';
const TOOLS = 'component:default/tools';
const ANA = 'user:default/ana';
const GITA = 'user:default/gita';
const credentials = mockCredentials.user(GITA);
const at = new Date('2026-11-23T12:00:00.000Z');

const item = (
  id: string,
  level: 'required' | 'recommended',
  status: ReadinessItemResult['status'],
): ReadinessItemResult => ({
  id,
  title: id,
  category: 'Operations',
  level,
  kind: 'automatic',
  status,
  reason: status === 'fail' ? `no ${id}` : '',
});
/** A tier-1 evaluation: the owner passes; on-call passes or fails. */
const evaluation = (oncall: 'pass' | 'fail') => ({
  items: [
    item('owner', 'required', 'pass'),
    item('oncall', 'required', oncall),
  ],
  score: oncall === 'pass' ? 1 : 0.5,
  ready: oncall === 'pass',
  tierId: 'tier-1',
});
const failing = evaluation('fail');
const passing = evaluation('pass');

describe.each(databases.ids)('ReadinessReviewService on %s', databaseId => {
  async function setup() {
    const stores = await databases.createStores(databaseId);
    const readinessService = new ReadinessService({
      stores,
      catalog: {} as any,
      tierPolicy: {} as any,
      onCallService: {} as any,
      ownershipService: {} as any,
      incidentService: {} as any,
    });
    const evaluate = jest
      .spyOn(readinessService, 'evaluate')
      .mockResolvedValue(failing);
    const refresher = { entitiesChanged: jest.fn(async () => {}) };
    const service = new ReadinessReviewService({
      store: stores.readiness,
      readinessService,
      catalog: catalogServiceMock({
        entities: [component('svc'), component('tools')],
      }),
      refresher,
    });
    const request = (entityRef: string, actor = ANA) =>
      service.requestReview({
        entityRef,
        targetLaunchDate: '2026-12-15',
        actor,
        at,
      });
    return { stores, evaluate, refresher, service, request };
  }

  it('takes one pending request per entity', async () => {
    const { refresher, service, request } = await setup();
    const review = await request(SVC);
    expect(review).toEqual({
      id: expect.any(String),
      entityRef: SVC,
      state: 'requested',
      lapseReason: null,
      requestedBy: ANA,
      requestedAt: '2026-11-23T12:00:00.000Z',
      targetLaunchDate: '2026-12-15',
      decidedBy: null,
      decidedAt: null,
      comment: null,
      tierId: null,
      snapshot: null,
    });
    await expect(request(SVC)).rejects.toThrow(
      `A review of ${SVC} is already pending (review ${review.id})`,
    );
    expect(refresher.entitiesChanged.mock.calls).toEqual([[[SVC]]]);
    expect((await service.getReview(review.id))?.state).toBe('requested');
  });

  it('decides a review once, never by the requester, and approves only a ready entity', async () => {
    const { evaluate, refresher, service, request } = await setup();
    const requested = await request(SVC);
    const decide = async (
      decision: 'approve' | 'reject',
      actor = GITA,
      comment?: string,
    ) =>
      service.decide({
        review: (await service.getReview(requested.id))!,
        decision,
        comment,
        actor,
        credentials,
        at,
      });
    await expect(decide('approve', ANA)).rejects.toThrow(
      'Nobody decides their own review request',
    );
    await expect(decide('approve')).rejects.toThrow(
      'Cannot approve: required items fail and are not waived: oncall (no oncall)',
    );
    evaluate.mockResolvedValue(passing);
    const approved = await decide('approve', GITA, 'Ready to launch');
    expect(approved).toMatchObject({
      state: 'approved',
      decidedBy: GITA,
      decidedAt: '2026-11-23T12:00:00.000Z',
      comment: 'Ready to launch',
      tierId: 'tier-1',
      snapshot: { items: passing.items, score: 1, ready: true },
    });
    await expect(decide('reject')).rejects.toThrow(
      `Review ${requested.id} is not pending: it was approved by ${GITA}`,
    );
    // Only the request and the approval wrote.
    expect(refresher.entitiesChanged.mock.calls).toEqual([[[SVC]], [[SVC]]]);
    const readiness = await service.entityReadiness(
      SVC,
      component('svc'),
      credentials,
      at,
    );
    expect(readiness).toEqual({
      items: passing.items,
      score: 1,
      ready: true,
      tier: 'tier-1',
      review: approved,
    });
  });

  it('rejects while items fail, and refuses an entity the decider cannot see', async () => {
    const { service, request } = await setup();
    const requested = await request(SVC);
    const rejected = await service.decide({
      review: (await service.getReview(requested.id))!,
      decision: 'reject',
      actor: GITA,
      credentials,
      at,
    });
    expect(rejected).toMatchObject({ state: 'rejected', comment: null });
    const hidden = await request('component:default/hidden');
    await expect(
      service.decide({
        review: (await service.getReview(hidden.id))!,
        decision: 'reject',
        actor: GITA,
        credentials,
        at,
      }),
    ).rejects.toThrow("No entity 'component:default/hidden' in the catalog");
  });

  it('pages the queue, leaves out unreadable entities, and compares with the last approval', async () => {
    const { evaluate, service, request } = await setup();
    // tools: approved while passing, then requested again now failing.
    evaluate.mockResolvedValue(passing);
    const first = await request(TOOLS);
    await service.decide({
      review: (await service.getReview(first.id))!,
      decision: 'approve',
      actor: GITA,
      credentials,
      at,
    });
    evaluate.mockResolvedValue(failing);
    const again = await request(TOOLS);
    const svc = await request(SVC);
    const hidden = await request('component:default/hidden');

    const everything = async (rows: StoredReview[]) => rows;
    const firstPage = await service.queue({
      state: 'requested',
      limit: 2,
      credentials,
      at,
      readable: everything,
    });
    expect(firstPage.items.map(r => r.id)).toEqual([again.id, svc.id]);
    expect(firstPage.nextAfterId).toBe(Number(svc.id));
    expect(firstPage.items[0]).toMatchObject({
      entityRef: TOOLS,
      tier: 'tier-1',
      owner: 'group:default/payments',
      failingRequired: [{ id: 'oncall', title: 'oncall', reason: 'no oncall' }],
      lastApproval: { reviewId: first.id, decidedBy: GITA },
      changesSinceApproval: [
        {
          id: 'oncall',
          title: 'oncall',
          level: 'required',
          change: 'status',
          before: 'pass',
          after: 'fail',
        },
      ],
    });
    expect(firstPage.items[1]).toMatchObject({
      entityRef: SVC,
      lastApproval: null,
      changesSinceApproval: [],
    });

    const lastPage = await service.queue({
      state: 'requested',
      afterId: firstPage.nextAfterId!,
      limit: 2,
      credentials,
      at,
      readable: async rows =>
        rows.filter(r => r.entityRef !== hidden.entityRef),
    });
    expect(lastPage).toEqual({ items: [], nextAfterId: null });

    // An entity missing from the catalog is listed without evaluation.
    const unfiltered = await service.queue({
      state: 'requested',
      afterId: firstPage.nextAfterId!,
      limit: 2,
      credentials,
      at,
      readable: everything,
    });
    expect(unfiltered.items).toEqual([
      expect.objectContaining({
        id: hidden.id,
        tier: null,
        owner: null,
        failingRequired: [],
      }),
    ]);
    const approvedQueue = await service.queue({
      state: 'approved',
      limit: 50,
      credentials,
      at,
      readable: everything,
    });
    expect(approvedQueue.items.map(r => r.id)).toEqual([first.id]);
  });
});
