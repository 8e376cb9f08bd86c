import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { createReliabilityStores } from '../ReliabilityStores';
import { testDatabaseIds } from '../__testUtils__/testDatabaseIds';
import { SliPullState } from './SliPullStore';

const databases = TestDatabases.create({
  ids: testDatabaseIds,
  disableDocker: true,
});

describe.each(databases.eachSupportedId())(
  'DatabaseSliPullStore on %s',
  databaseId => {
    it('writes a state only at the revision it was read at', async () => {
      const knex = await databases.init(databaseId);
      const stores = await createReliabilityStores({
        database: mockServices.database({ knex, migrations: { skip: false } }),
      });
      const { slo } = await stores.slos.putApiSlo({
        entityRef: 'component:default/a',
        definition: {
          name: 'availability',
          target: 0.99,
          timeWindow: { kind: 'rolling', duration: '30d' },
          budgetingMethod: 'Occurrences',
        },
        actor: 'a',
        at: new Date('2026-11-23T12:00:00Z'),
      });
      const state: SliPullState = {
        sloId: slo.id,
        provider: 'prometheus',
        sloVersion: 1,
        // Past 2^32, as epoch milliseconds are.
        pulledUntil: Date.parse('2026-11-23T12:00:00Z'),
        lastAttemptAt: new Date('2026-11-23T12:00:05Z'),
        lastSuccessAt: null,
        failures: 2,
        nextAttemptAt: Date.parse('2026-11-23T12:02:05Z'),
        problem: 'prometheus: down',
        replayFrom: Date.parse('2026-11-16T00:00:00Z'),
        revision: 0,
      };
      const created = await stores.sliPulls.saveState(state);
      expect(created).toEqual({ ...state, revision: 1 });
      // A second creator lost the race.
      expect(await stores.sliPulls.saveState(state)).toBeUndefined();
      expect((await stores.sliPulls.getStates([slo.id])).get(slo.id)).toEqual(
        created,
      );

      const pulled = await stores.sliPulls.saveState({
        ...created!,
        failures: 0,
        problem: null,
      });
      expect(pulled?.revision).toBe(2);
      // A writer still holding revision 1 is refused, and changes nothing.
      expect(
        await stores.sliPulls.saveState({ ...created!, failures: 9 }),
      ).toBeUndefined();
      expect(
        (await stores.sliPulls.getStates([slo.id])).get(slo.id),
      ).toMatchObject({ failures: 0, problem: null, revision: 2 });

      expect(await stores.sliPulls.deleteStates([slo.id, 999])).toBe(1);
      expect((await stores.sliPulls.getStates([slo.id])).size).toBe(0);
    });
  },
);
