import {
  mockCredentials,
  mockServices,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { createReliabilityStores } from '../database/ReliabilityStores';
import { ReadinessService } from '../readiness/ReadinessService';
import { seedDemoReadiness } from './DemoReadinessSeeder';

jest.setTimeout(60_000);
const databases = TestDatabases.create({
  ids: ['SQLITE_3'],
  disableDocker: true,
});

const storefront: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'storefront-web', namespace: 'default' },
  spec: { owner: 'group:default/storefront' },
};

describe('seedDemoReadiness', () => {
  async function setUp(entities: Entity[]) {
    const knex = await databases.init('SQLITE_3');
    const stores = await createReliabilityStores({
      database: mockServices.database({ knex, migrations: { skip: false } }),
    });
    const evaluate = jest.fn(async () => ({
      items: [],
      score: 1,
      ready: true,
      tierId: 'tier-1',
    }));
    const now = new Date('2026-11-23T12:00:00Z');
    const seed = () =>
      seedDemoReadiness({
        store: stores.readiness,
        service: { evaluate } as unknown as ReadinessService,
        getEntity: async ref =>
          entities.find(e => `component:default/${e.metadata.name}` === ref),
        credentials: mockCredentials.service(),
        logger: mockServices.logger.mock(),
        now,
        hasReviews: async () =>
          (await knex('readiness_reviews').first()) !== undefined,
      });
    return { stores, seed, evaluate };
  }

  it('writes an approved review, a pending one with a waiver, and an expired attestation, once', async () => {
    const { stores, seed, evaluate } = await setUp([storefront]);
    await expect(seed()).resolves.toBe(2);
    await expect(seed()).resolves.toBe(0);

    const [approved] = await stores.readiness.listReviews(
      'component:default/storefront-web',
    );
    expect(approved).toMatchObject({
      state: 'approved',
      requestedBy: 'user:default/emil',
      requestedAt: '2026-11-13T12:00:00.000Z',
      decidedBy: 'user:default/gita',
      decidedAt: '2026-11-15T12:00:00.000Z',
      tierId: 'tier-1',
      snapshot: { items: [], score: 1, ready: true },
    });
    // The snapshot is the evaluation at decision time, 8 days ago.
    expect(evaluate).toHaveBeenCalledWith(
      storefront,
      new Date('2026-11-15T12:00:00Z'),
      expect.anything(),
    );
    const attestations = await stores.readiness.listAttestations(
      'component:default/storefront-web',
    );
    expect(
      attestations.map(a => [a.itemId, a.attestedAt, a.expiresAt]).sort(),
    ).toEqual([
      ['rollback', '2026-11-03T12:00:00.000Z', '2027-05-02T12:00:00.000Z'],
      ['security', '2026-10-24T12:00:00.000Z', '2027-10-24T12:00:00.000Z'],
    ]);

    const [pending] = await stores.readiness.listReviews(
      'component:default/cart-service',
    );
    expect(pending).toMatchObject({
      state: 'requested',
      requestedBy: 'user:default/chen',
      targetLaunchDate: '2026-12-07',
    });
    expect(
      await stores.readiness.listWaivers('component:default/cart-service'),
    ).toMatchObject([
      { itemId: 'postmortems', expiresAt: '2026-12-23T12:00:00.000Z' },
    ]);

    // Attested 200 days ago, valid 180: expired 20 days ago.
    expect(
      await stores.readiness.listAttestations(
        'component:default/payment-gateway',
      ),
    ).toMatchObject([
      { itemId: 'rollback', expiresAt: '2026-11-03T12:00:00.000Z' },
    ]);
  });

  it('gives cart-service an earlier approval on evidence that has expired since', async () => {
    const cart: Entity = {
      ...storefront,
      metadata: { name: 'cart-service', namespace: 'default' },
    };
    const { stores, seed, evaluate } = await setUp([storefront, cart]);
    await expect(seed()).resolves.toBe(3);
    const reviews = await stores.readiness.listReviews(
      'component:default/cart-service',
    );
    expect(reviews.map(r => r.state)).toEqual(['requested', 'approved']);
    expect(reviews[1]).toMatchObject({
      requestedAt: '2026-09-08T12:00:00.000Z',
      decidedAt: '2026-09-09T12:00:00.000Z',
      decidedBy: 'user:default/gita',
    });
    // Its snapshot is the evaluation 75 days ago, while the rollback
    // attestation (250 days ago, valid 180) still held.
    expect(evaluate).toHaveBeenCalledWith(
      cart,
      new Date('2026-09-09T12:00:00Z'),
      expect.anything(),
    );
    expect(
      await stores.readiness.listAttestations('component:default/cart-service'),
    ).toMatchObject([
      {
        itemId: 'rollback',
        attestedAt: '2026-03-18T12:00:00.000Z',
        expiresAt: '2026-09-14T12:00:00.000Z',
      },
    ]);
  });

  it('writes nothing until the catalog has the demo entities', async () => {
    const { stores, seed } = await setUp([]);
    await expect(seed()).resolves.toBe(0);
    expect(
      await stores.readiness.listWaivers('component:default/cart-service'),
    ).toEqual([]);
    expect(
      await stores.readiness.listAttestations(
        'component:default/storefront-web',
      ),
    ).toEqual([]);
  });
});
