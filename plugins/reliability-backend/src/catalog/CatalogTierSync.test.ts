import { mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  defaultTierPolicies,
  resolveEntityTier,
} from '@reliability-suite/plugin-reliability-common';
import {
  EntityTierStore,
  TierObservation,
} from '../database/tiers/EntityTierStore';
import { CatalogTierSync } from './CatalogTierSync';

const entity = (kind: string, name: string, tier?: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind,
  metadata: {
    name,
    namespace: 'default',
    annotations: tier ? { 'reliability/tier': tier } : {},
  },
  spec: {},
});

describe('CatalogTierSync', () => {
  it('records the tier of every tierable entity and removes vanished ones', async () => {
    const recorded: TierObservation[] = [];
    const store: jest.Mocked<EntityTierStore> = {
      recordTierObservations: jest.fn(
        async (observations: TierObservation[], _at: Date) => {
          recorded.push(...observations);
          return { changed: observations.length };
        },
      ),
      getEntityTier: jest.fn(),
      removeEntityTiersNotSeenSince: jest.fn(async (_cutoff: Date) => 2),
    };
    const now = new Date('2026-11-23T12:00:00Z');
    const sync = new CatalogTierSync({
      catalog: catalogServiceMock({
        entities: [
          entity('Component', 'Checkout', 'Tier-0'),
          entity('System', 'shop', 'tier-1'),
          entity('Resource', 'orders-db', 'platinum'),
          entity('Component', 'batch'),
          entity('User', 'ana', 'tier-0'),
        ],
      }),
      auth: mockServices.auth(),
      store,
      tierPolicy: {
        getPolicies: () => defaultTierPolicies,
        resolve: e => resolveEntityTier(e, defaultTierPolicies),
      },
      logger: mockServices.logger.mock(),
      now: () => now,
    });

    await expect(sync.run()).resolves.toEqual({
      seen: 4,
      changed: 4,
      removed: 2,
    });
    expect(
      recorded.sort((a, b) => a.entityRef.localeCompare(b.entityRef)),
    ).toEqual([
      {
        entityRef: 'component:default/batch',
        tierId: null,
        annotationValue: null,
      },
      {
        entityRef: 'component:default/checkout',
        tierId: 'tier-0',
        annotationValue: 'Tier-0',
      },
      {
        entityRef: 'resource:default/orders-db',
        tierId: null,
        annotationValue: 'platinum',
      },
      {
        entityRef: 'system:default/shop',
        tierId: 'tier-1',
        annotationValue: 'tier-1',
      },
    ]);
    expect(store.recordTierObservations).toHaveBeenCalledWith(
      expect.any(Array),
      now,
    );
    expect(store.removeEntityTiersNotSeenSince).toHaveBeenCalledWith(now);
  });
});
