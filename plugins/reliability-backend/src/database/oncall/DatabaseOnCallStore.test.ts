import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { createReliabilityStores } from '../ReliabilityStores';
import { RotationFields } from './OnCallStore';
import { testDatabaseIds } from '../__testUtils__/testDatabaseIds';

jest.setTimeout(60_000);

const databases = TestDatabases.create({
  ids: testDatabaseIds,
  disableDocker: true,
});
const at = new Date('2026-11-23T12:00:00Z');

const fields = (overrides: Partial<RotationFields> = {}): RotationFields => ({
  name: 'Payments primary',
  team: 'group:default/payments',
  timeZone: 'Europe/Berlin',
  handoffAnchor: '2026-03-02T09:00',
  shiftLength: 'P1W',
  levels: [{ users: ['user:default/ana', 'user:default/bruno'] }],
  ...overrides,
});

async function createStore(databaseId: (typeof testDatabaseIds)[number]) {
  const knex = await databases.init(databaseId);
  return createReliabilityStores({
    database: mockServices.database({ knex, migrations: { skip: false } }),
  });
}

describe.each(databases.eachSupportedId())(
  'DatabaseOnCallStore on %s',
  databaseId => {
    it('creates a rotation, and replaces it only with the current version', async () => {
      const stores = await createStore(databaseId);
      const { rotation, created } = await stores.onCall.putRotation({
        id: 'payments',
        fields: fields(),
        actor: 'user:default/ana',
        at,
      });
      expect(created).toBe(true);
      expect(rotation).toEqual({
        id: 'payments',
        ...fields(),
        overrides: [],
        version: 1,
        updatedBy: 'user:default/ana',
        updatedAt: at.toISOString(),
      });
      await expect(
        stores.onCall.putRotation({
          id: 'payments',
          fields: fields(),
          actor: 'x',
          at,
        }),
      ).rejects.toMatchObject({
        name: 'ConflictError',
      });
      await expect(
        stores.onCall.putRotation({
          id: 'payments',
          fields: fields(),
          expectedVersion: 3,
          actor: 'x',
          at,
        }),
      ).rejects.toMatchObject({ statusCode: 412 });
      const replaced = await stores.onCall.putRotation({
        id: 'payments',
        fields: fields({ shiftLength: 'P1D' }),
        expectedVersion: 1,
        actor: 'user:default/bruno',
        at,
      });
      expect(replaced.rotation).toMatchObject({
        version: 2,
        shiftLength: 'P1D',
        updatedBy: 'user:default/bruno',
      });
    });

    it('lets exactly one of two concurrent replaces with the same version win', async () => {
      const stores = await createStore(databaseId);
      await stores.onCall.putRotation({
        id: 'payments',
        fields: fields(),
        actor: 'a',
        at,
      });
      const results = await Promise.allSettled(
        ['P1D', 'P2W'].map(shiftLength =>
          stores.onCall.putRotation({
            id: 'payments',
            fields: fields({ shiftLength }),
            expectedVersion: 1,
            actor: 'a',
            at,
          }),
        ),
      );
      expect(results.map(r => r.status).sort()).toEqual([
        'fulfilled',
        'rejected',
      ]);
      const winner = (
        results.find(r => r.status === 'fulfilled') as PromiseFulfilledResult<{
          rotation: { shiftLength: string };
        }>
      ).value;
      expect((await stores.onCall.getRotation('payments'))!.shiftLength).toBe(
        winner.rotation.shiftLength,
      );
      expect((await stores.onCall.getRotation('payments'))!.version).toBe(2);
    });

    it('lists rotations by team and keeps overrides with them', async () => {
      const stores = await createStore(databaseId);
      await stores.onCall.putRotation({
        id: 'payments',
        fields: fields(),
        actor: 'a',
        at,
      });
      await stores.onCall.putRotation({
        id: 'checkout',
        fields: fields({ team: 'group:default/checkout-team' }),
        actor: 'a',
        at,
      });
      const { id } = await stores.onCall.addOverride({
        rotationId: 'payments',
        override: {
          start: '2026-11-23T20:00:00Z',
          end: '2026-11-24T08:00:00Z',
          user: 'user:default/chen',
        },
        actor: 'a',
        at,
      });
      expect(
        (
          await stores.onCall.listRotations({
            teams: ['group:default/payments'],
          })
        ).map(r => r.id),
      ).toEqual(['payments']);
      expect((await stores.onCall.listRotations()).map(r => r.id)).toEqual([
        'checkout',
        'payments',
      ]);
      expect((await stores.onCall.getRotation('payments'))!.overrides).toEqual([
        {
          id,
          start: '2026-11-23T20:00:00.000Z',
          end: '2026-11-24T08:00:00.000Z',
          user: 'user:default/chen',
          level: 1,
        },
      ]);
      expect(await stores.onCall.getRotations(['checkout', 'nope'])).toEqual([
        expect.objectContaining({ id: 'checkout' }),
        undefined,
      ]);

      await expect(stores.onCall.deleteOverride('checkout', id)).resolves.toBe(
        false,
      ); // another rotation's id
      await expect(stores.onCall.deleteOverride('payments', id)).resolves.toBe(
        true,
      );
      await expect(stores.onCall.deleteOverride('payments', id)).resolves.toBe(
        false,
      );
      expect((await stores.onCall.getRotation('payments'))!.overrides).toEqual(
        [],
      );
    });

    it('deletes a rotation with its overrides, checking a given version', async () => {
      const stores = await createStore(databaseId);
      await stores.onCall.putRotation({
        id: 'payments',
        fields: fields(),
        actor: 'a',
        at,
      });
      await stores.onCall.addOverride({
        rotationId: 'payments',
        override: {
          start: '2026-11-23T20:00:00Z',
          end: '2026-11-24T08:00:00Z',
          user: 'user:default/chen',
        },
        actor: 'a',
        at,
      });
      await expect(
        stores.onCall.deleteRotation('payments', 9),
      ).rejects.toMatchObject({
        statusCode: 412,
      });
      await expect(stores.onCall.deleteRotation('payments', 1)).resolves.toBe(
        true,
      );
      await expect(
        stores.onCall.getRotation('payments'),
      ).resolves.toBeUndefined();
      await expect(stores.onCall.deleteRotation('payments')).resolves.toBe(
        false,
      );
    });

    it('of ten concurrent deletes with the same version, exactly one deletes', async () => {
      const stores = await createStore(databaseId);
      await stores.onCall.putRotation({
        id: 'payments',
        fields: fields(),
        actor: 'a',
        at,
      });
      const outcomes = await Promise.all(
        Array.from({ length: 10 }, () =>
          stores.onCall.deleteRotation('payments', 1).then(
            deleted => (deleted ? 'deleted' : 'gone'),
            (error: { statusCode?: number }) => `refused ${error.statusCode}`,
          ),
        ),
      );
      expect(outcomes.filter(o => o === 'deleted')).toHaveLength(1);
      // The others found it gone (a 404 at the route) or changed (412).
      expect(
        outcomes.every(o => ['deleted', 'gone', 'refused 412'].includes(o)),
      ).toBe(true);
    });
  },
);
