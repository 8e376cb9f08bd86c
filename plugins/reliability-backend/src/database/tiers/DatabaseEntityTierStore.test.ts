import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import path from 'path';
import { createReliabilityStores } from '../ReliabilityStores';
import { testDatabaseIds } from '../__testUtils__/testDatabaseIds';

jest.setTimeout(60_000);

const databases = TestDatabases.create({
  ids: testDatabaseIds,
  disableDocker: true,
});

async function createStore(databaseId: (typeof testDatabaseIds)[number]) {
  const knex = await databases.init(databaseId);
  const stores = await createReliabilityStores({
    database: mockServices.database({ knex, migrations: { skip: false } }),
  });
  return { knex, stores };
}

const monday = new Date('2026-11-23T10:00:00.000Z');
const tuesday = new Date('2026-11-24T10:00:00.000Z');
const wednesday = new Date('2026-11-25T10:00:00.000Z');

describe.each(databases.eachSupportedId())(
  'DatabaseEntityTierStore on %s',
  databaseId => {
    it('records a new entity with its tier since the first observation', async () => {
      const { stores } = await createStore(databaseId);
      await expect(
        stores.tiers.recordTierObservations(
          [
            {
              entityRef: 'component:default/checkout',
              tierId: 'tier-0',
              annotationValue: 'Tier-0',
            },
          ],
          monday,
        ),
      ).resolves.toEqual({ changed: 1 });
      await expect(
        stores.tiers.getEntityTier('component:default/checkout'),
      ).resolves.toEqual({
        entityRef: 'component:default/checkout',
        tierId: 'tier-0',
        annotationValue: 'Tier-0',
        tierSince: monday,
        lastSeenAt: monday,
      });
      await expect(
        stores.tiers.getEntityTier('component:default/unknown'),
      ).resolves.toBeUndefined();
    });

    it('keeps tierSince while the tier stays and moves it when the tier changes', async () => {
      const { stores } = await createStore(databaseId);
      const ref = 'component:default/search';
      await stores.tiers.recordTierObservations(
        [{ entityRef: ref, tierId: 'tier-1', annotationValue: 'tier-1' }],
        monday,
      );
      // Same tier, spelled differently: not a change.
      await expect(
        stores.tiers.recordTierObservations(
          [{ entityRef: ref, tierId: 'tier-1', annotationValue: 'Tier 1' }],
          tuesday,
        ),
      ).resolves.toEqual({ changed: 0 });
      expect(await stores.tiers.getEntityTier(ref)).toMatchObject({
        tierSince: monday,
        lastSeenAt: tuesday,
        annotationValue: 'Tier 1',
      });

      await expect(
        stores.tiers.recordTierObservations(
          [{ entityRef: ref, tierId: null, annotationValue: 'gold' }],
          wednesday,
        ),
      ).resolves.toEqual({ changed: 1 });
      expect(await stores.tiers.getEntityTier(ref)).toMatchObject({
        tierId: null,
        tierSince: wednesday,
        lastSeenAt: wednesday,
      });
    });

    it('writes large batches across chunks in one call', async () => {
      const { knex, stores } = await createStore(databaseId);
      const observations = Array.from({ length: 1234 }, (_, i) => ({
        entityRef: `component:default/service-${i}`,
        tierId: `tier-${i % 4}`,
        annotationValue: `tier-${i % 4}`,
      }));
      await expect(
        stores.tiers.recordTierObservations(observations, monday),
      ).resolves.toEqual({ changed: 1234 });
      const [{ count }] = await knex('entity_tiers')
        .where({ tier_id: 'tier-2' })
        .count({ count: '*' });
      // 1234 entities cycle through 4 tiers: indices 2, 6, ... 1230 → 308.
      expect(Number(count)).toBe(308);
    });

    it('forgets entities not seen since a cutoff', async () => {
      const { stores } = await createStore(databaseId);
      await stores.tiers.recordTierObservations(
        [
          {
            entityRef: 'component:default/old',
            tierId: 'tier-3',
            annotationValue: 'tier-3',
          },
          {
            entityRef: 'component:default/kept',
            tierId: 'tier-3',
            annotationValue: 'tier-3',
          },
        ],
        monday,
      );
      await stores.tiers.recordTierObservations(
        [
          {
            entityRef: 'component:default/kept',
            tierId: 'tier-3',
            annotationValue: 'tier-3',
          },
        ],
        wednesday,
      );
      await expect(
        stores.tiers.removeEntityTiersNotSeenSince(tuesday),
      ).resolves.toBe(1);
      await expect(
        stores.tiers.getEntityTier('component:default/old'),
      ).resolves.toBeUndefined();
      await expect(
        stores.tiers.getEntityTier('component:default/kept'),
      ).resolves.toBeDefined();
    });

    it('migrates down and up again with data in place', async () => {
      const { knex, stores } = await createStore(databaseId);
      await stores.tiers.recordTierObservations(
        [
          {
            entityRef: 'component:default/a',
            tierId: 'tier-0',
            annotationValue: 'tier-0',
          },
        ],
        monday,
      );
      const directory = path.resolve(__dirname, '../../../migrations');
      await knex.migrate.rollback({ directory }, true);
      expect(await knex.schema.hasTable('entity_tiers')).toBe(false);
      await knex.migrate.latest({ directory });
      expect(await knex.schema.hasTable('entity_tiers')).toBe(true);
    });
  },
);
