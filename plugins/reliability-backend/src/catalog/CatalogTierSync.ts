import { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  OVERVIEW_KINDS,
  RELIABILITY_TIER_ANNOTATION,
  toCanonicalEntityRef,
} from '@reliability-suite/plugin-reliability-common';
import { TierPolicyService } from '@reliability-suite/plugin-reliability-node';
import {
  EntityTierStore,
  TierObservation,
} from '../database/tiers/EntityTierStore';

/**
 * Copies each catalog entity's tier into the reliability database, so that
 * the suite knows since when an entity has had its tier without asking the
 * catalog for history it does not keep.
 */
export class CatalogTierSync {
  constructor(
    private readonly options: {
      catalog: CatalogService;
      auth: AuthService;
      store: EntityTierStore;
      tierPolicy: TierPolicyService;
      logger: LoggerService;
      now?: () => Date;
    },
  ) {}

  async run(): Promise<{ seen: number; changed: number; removed: number }> {
    const { catalog, auth, store, tierPolicy, logger } = this.options;
    const startedAt = (this.options.now ?? (() => new Date()))();
    const credentials = await auth.getOwnServiceCredentials();
    let seen = 0;
    let changed = 0;
    for await (const page of catalog.streamEntities(
      {
        filter: { kind: [...OVERVIEW_KINDS] },
        fields: [
          'kind',
          'metadata.namespace',
          'metadata.name',
          `metadata.annotations.${RELIABILITY_TIER_ANNOTATION}`,
        ],
      },
      { credentials },
    )) {
      const observations: TierObservation[] = page.map(entity => {
        const resolution = tierPolicy.resolve(entity);
        return {
          entityRef: toCanonicalEntityRef(entity),
          tierId: resolution.state === 'tiered' ? resolution.policy.id : null,
          annotationValue:
            resolution.state === 'untiered' ? null : resolution.annotationValue,
        };
      });
      seen += observations.length;
      changed += (await store.recordTierObservations(observations, startedAt))
        .changed;
    }
    const removed = await store.removeEntityTiersNotSeenSince(startedAt);
    logger.info(
      `Catalog tier sync: ${seen} entities, ${changed} new or changed tiers, ${removed} removed`,
    );
    return { seen, changed, removed };
  }
}
