import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { DatabaseReliabilityStore } from './DatabaseReliabilityStore';
import { testDatabaseIds } from './__testUtils__/testDatabaseIds';

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
  return DatabaseReliabilityStore.create({
    database: mockServices.database({ knex, migrations: { skip: false } }),
  });
}

describe.each(databases.eachSupportedId())(
  'DatabaseReliabilityStore readiness on %s',
  databaseId => {
    it('keeps attestations and waivers per entity', async () => {
      const store = await createStore(databaseId);
      const a = await store.addAttestation(ref, {
        itemId: 'rollback',
        evidenceUrl: 'https://docs.acme.example/rollback',
        note: null,
        attestedBy: 'user:default/ana',
        attestedAt: at.toISOString(),
        expiresAt: '2027-05-22T12:00:00.000Z',
      });
      expect(await store.listAttestations(ref)).toEqual([a]);
      expect(await store.listAttestations('component:default/other')).toEqual(
        [],
      );
      await expect(
        store.deleteAttestation('component:default/other', a.id),
      ).resolves.toBe(false);
      await expect(store.deleteAttestation(ref, a.id)).resolves.toBe(true);
      const w = await store.addWaiver(ref, {
        itemId: 'runbook',
        reason: 'Accepted',
        approvedBy: 'user:default/gita',
        expiresAt: '2026-12-01T00:00:00.000Z',
        createdAt: at,
      });
      expect(await store.listWaivers(ref)).toEqual([w]);
    });

    it('decides a review exactly once, even when two approvers race', async () => {
      const store = await createStore(databaseId);
      const review = await store.createReview({
        entityRef: ref,
        requestedBy: 'user:default/ana',
        at,
        targetLaunchDate: null,
      });
      expect(review).toMatchObject({ state: 'requested', version: 1 });
      const decide = (decision: 'approved' | 'rejected', by: string) =>
        store.decideReview({
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
      const stored = (await store.getReview(review.id))!;
      expect(stored.version).toBe(2);
      expect(stored.snapshot).toEqual(snapshot);
      expect(
        await store.listReviewsByState('requested', undefined, 10),
      ).toEqual([]);
      expect((await store.listReviews(ref)).map(r => r.id)).toEqual([
        review.id,
      ]);
    });
  },
);
