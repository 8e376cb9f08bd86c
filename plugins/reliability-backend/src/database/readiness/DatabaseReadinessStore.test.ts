import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { createReliabilityStores } from '../ReliabilityStores';
import { testDatabaseIds } from '../__testUtils__/testDatabaseIds';

jest.setTimeout(60_000);

const databases = TestDatabases.create({
  ids: testDatabaseIds,
  disableDocker: true,
});
const ref = 'component:default/svc';
const at = new Date('2026-11-23T12:00:00Z');
const snapshot = { items: [], score: 1, ready: true };

async function createStore(databaseId: (typeof testDatabaseIds)[number]) {
  const knex = await databases.init(databaseId);
  return createReliabilityStores({
    database: mockServices.database({ knex, migrations: { skip: false } }),
  });
}

describe.each(databases.eachSupportedId())(
  'DatabaseReadinessStore on %s',
  databaseId => {
    it('keeps attestations and waivers per entity', async () => {
      const stores = await createStore(databaseId);
      const a = await stores.readiness.addAttestation(ref, {
        itemId: 'rollback',
        evidenceUrl: 'https://docs.acme.example/rollback',
        note: null,
        attestedBy: 'user:default/ana',
        attestedAt: at.toISOString(),
        expiresAt: '2027-05-22T12:00:00.000Z',
      });
      expect(await stores.readiness.listAttestations(ref)).toEqual([a]);
      expect(
        await stores.readiness.listAttestations('component:default/other'),
      ).toEqual([]);
      await expect(
        stores.readiness.deleteAttestation('component:default/other', a.id),
      ).resolves.toBe(false);
      await expect(stores.readiness.deleteAttestation(ref, a.id)).resolves.toBe(
        true,
      );
      const w = await stores.readiness.addWaiver(ref, {
        itemId: 'runbook',
        reason: 'Accepted',
        approvedBy: 'user:default/gita',
        expiresAt: '2026-12-01T00:00:00.000Z',
        createdAt: at,
      });
      expect(await stores.readiness.listWaivers(ref)).toEqual([w]);
    });

    it('decides a review exactly once, even when two approvers race', async () => {
      const stores = await createStore(databaseId);
      const review = await stores.readiness.createReview({
        entityRef: ref,
        requestedBy: 'user:default/ana',
        at,
        targetLaunchDate: null,
      });
      expect(review).toMatchObject({ state: 'requested', version: 1 });
      const decide = (decision: 'approved' | 'rejected', by: string) =>
        stores.readiness.decideReview({
          id: review.id,
          decision,
          decidedBy: by,
          at,
          comment: null,
          tierId: 'tier-1',
          snapshot,
        });
      const results = await Promise.allSettled([
        decide('approved', 'user:default/gita'),
        decide('rejected', 'user:default/hugo'),
      ]);
      expect(results.map(r => r.status).sort()).toEqual([
        'fulfilled',
        'rejected',
      ]);
      const stored = (await stores.readiness.getReview(review.id))!;
      expect(stored.version).toBe(2);
      expect(stored.snapshot).toEqual(snapshot);
      expect(
        await stores.readiness.listReviewsByState('requested', undefined, 10),
      ).toEqual([]);
      expect((await stores.readiness.listReviews(ref)).map(r => r.id)).toEqual([
        review.id,
      ]);
    });
  },
);
