import { mockCredentials } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { RotationInput } from '@reliability-suite/plugin-reliability-common';
import { reliabilityTestDatabases } from '../database/__testUtils__/reliabilityTestDatabases';
import { RotationService } from './RotationService';

jest.setTimeout(60_000);

const databases = reliabilityTestDatabases();
const entity = (kind: string, name: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind,
  metadata: { name, namespace: 'default' },
  spec: {},
});
const PAYMENTS = 'group:default/payments';
const CHECKOUT = 'group:default/checkout';
const input: RotationInput = {
  name: 'Payments primary',
  team: PAYMENTS,
  timeZone: 'Europe/Berlin',
  handoffAnchor: '2026-03-02T09:00',
  shiftLength: 'P1W',
  levels: [{ users: ['user:default/ana', 'user:default/bruno'] }],
};
const writer = {
  actor: 'user:default/ana',
  credentials: mockCredentials.user('user:default/ana'),
  at: new Date('2026-11-23T12:00:00.000Z'),
};
const override = {
  start: '2026-11-24T09:00:00Z',
  end: '2026-11-25T09:00:00Z',
  user: 'user:default/bruno',
};

describe.each(databases.ids)('RotationService on %s', databaseId => {
  async function setup() {
    const stores = await databases.createStores(databaseId);
    const refresher = { rotationChanged: jest.fn(async () => {}) };
    const service = new RotationService({
      store: stores.onCall,
      catalog: catalogServiceMock({
        entities: [
          entity('User', 'ana'),
          entity('User', 'bruno'),
          entity('Group', 'payments'),
        ],
      }),
      refresher,
    });
    return { stores, refresher, service };
  }

  it('refuses level users who are not Users in the catalog, naming each field', async () => {
    const { refresher, service } = await setup();
    await expect(
      service.putRotation(
        {
          id: 'payments',
          input: {
            ...input,
            levels: [
              { users: ['user:default/ana'] },
              { users: ['user:default/ghost', PAYMENTS] },
            ],
          },
        },
        writer,
      ),
    ).rejects.toThrow(
      "Invalid request body 'levels.1.users.0': user:default/ghost is not a User in the catalog; " +
        "Invalid request body 'levels.1.users.1': group:default/payments is not a User in the catalog",
    );
    expect(await service.listRotations()).toEqual([]);
    expect(refresher.rotationChanged).not.toHaveBeenCalled();
  });

  it('creates, moves and deletes a rotation, refreshing every team involved', async () => {
    const { refresher, service } = await setup();
    const { rotation, created } = await service.putRotation(
      { id: 'payments', input },
      writer,
    );
    expect(created).toBe(true);
    expect(rotation).toMatchObject({
      id: 'payments',
      team: PAYMENTS,
      version: 1,
      updatedBy: 'user:default/ana',
      updatedAt: '2026-11-23T12:00:00.000Z',
    });
    const moved = await service.putRotation(
      {
        id: 'payments',
        input: { ...input, team: CHECKOUT, version: 1 },
        existing: rotation,
        expectedVersion: 1,
      },
      writer,
    );
    expect(moved).toMatchObject({
      created: false,
      rotation: { team: CHECKOUT, version: 2 },
    });
    expect(await service.listRotations(PAYMENTS)).toEqual([]);
    expect((await service.listRotations(CHECKOUT)).map(r => r.version)).toEqual(
      [2],
    );
    await service.deleteRotation(moved.rotation, 2);
    expect(await service.getRotation('payments')).toBeUndefined();
    expect(refresher.rotationChanged.mock.calls).toEqual([
      [[PAYMENTS], 'payments'],
      [[CHECKOUT, PAYMENTS], 'payments'],
      [[CHECKOUT], 'payments'],
    ]);
  });

  it('answers a delete of a rotation already gone with NotFoundError, refreshing nothing', async () => {
    const { refresher, service } = await setup();
    const { rotation } = await service.putRotation(
      { id: 'payments', input },
      writer,
    );
    await service.deleteRotation(rotation, 1);
    refresher.rotationChanged.mockClear();
    // A second request that read the rotation before the first deleted it.
    await expect(service.deleteRotation(rotation, 1)).rejects.toMatchObject({
      name: 'NotFoundError',
      message: "No rotation 'payments'",
    });
    expect(refresher.rotationChanged).not.toHaveBeenCalled();
  });

  it('adds an override at a level the rotation has, for a User only', async () => {
    const { stores, refresher, service } = await setup();
    const { rotation } = await service.putRotation(
      { id: 'payments', input },
      writer,
    );
    refresher.rotationChanged.mockClear();
    await expect(
      service.addOverride(rotation, { ...override, level: 2 }, writer),
    ).rejects.toThrow(
      "Invalid request body 'level': rotation 'payments' has 1 level",
    );
    await expect(
      service.addOverride(
        rotation,
        { ...override, user: 'user:default/ghost' },
        writer,
      ),
    ).rejects.toThrow(
      "Invalid request body 'user': user:default/ghost is not a User in the catalog",
    );
    expect(refresher.rotationChanged).not.toHaveBeenCalled();

    const added = await service.addOverride(rotation, override, writer);
    expect(added).toEqual({ id: expect.any(String), ...override, level: 1 });
    expect(
      (await stores.onCall.getRotation('payments'))?.overrides,
    ).toMatchObject([{ id: added.id, user: 'user:default/bruno', level: 1 }]);

    await expect(service.deleteOverride(rotation, '999')).rejects.toThrow(
      "No override '999' in rotation 'payments'",
    );
    await service.deleteOverride(rotation, added.id);
    expect((await stores.onCall.getRotation('payments'))?.overrides).toEqual(
      [],
    );
    expect(refresher.rotationChanged.mock.calls).toEqual([
      [[PAYMENTS], 'payments'],
      [[PAYMENTS], 'payments'],
      [[PAYMENTS], 'payments'],
    ]);
  });
});
