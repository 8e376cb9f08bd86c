import { Knex } from 'knex';
import {
  StoredEntityTier,
  TierObservation,
  EntityTierStore,
} from './EntityTierStore';
import { chunk, CHUNK_SIZE } from '../queryHelpers';
import { toDate } from '../toDate';

type EntityTierRow = {
  entity_ref: string;
  tier_id: string | null;
  annotation_value: string | null;
  tier_since: Date | string | number;
  last_seen_at: Date | string | number;
};

/**
 * The knex implementation of {@link EntityTierStore}.
 *
 * @internal
 */
export class DatabaseEntityTierStore implements EntityTierStore {
  /** The store on an already migrated database (see {@link createReliabilityStores}). */
  static create(db: Knex): DatabaseEntityTierStore {
    return new DatabaseEntityTierStore(db);
  }

  private constructor(private readonly db: Knex) {}

  async recordTierObservations(
    observations: TierObservation[],
    at: Date,
  ): Promise<{ changed: number }> {
    let changed = 0;
    await this.db.transaction(async tx => {
      for (const batch of chunk(observations, CHUNK_SIZE)) {
        const existing = await tx<EntityTierRow>('entity_tiers')
          .whereIn(
            'entity_ref',
            batch.map(o => o.entityRef),
          )
          .select('entity_ref', 'tier_id', 'tier_since');
        const byRef = new Map(existing.map(row => [row.entity_ref, row]));
        const rows = batch.map(observation => {
          const previous = byRef.get(observation.entityRef);
          const unchanged = previous?.tier_id === observation.tierId;
          return {
            entity_ref: observation.entityRef,
            tier_id: observation.tierId,
            annotation_value: observation.annotationValue,
            tier_since:
              previous && unchanged ? toDate(previous.tier_since) : at,
            last_seen_at: at,
          };
        });
        // A row whose tier_since is `at` is new or changed tier now.
        changed += rows.filter(row => row.tier_since === at).length;
        if (rows.length > 0) {
          await tx('entity_tiers')
            .insert(rows)
            .onConflict('entity_ref')
            .merge([
              'tier_id',
              'annotation_value',
              'tier_since',
              'last_seen_at',
            ]);
        }
      }
    });
    return { changed };
  }

  async getEntityTier(
    entityRef: string,
  ): Promise<StoredEntityTier | undefined> {
    const row = await this.db<EntityTierRow>('entity_tiers')
      .where({ entity_ref: entityRef })
      .first();
    if (!row) {
      return undefined;
    }
    return {
      entityRef: row.entity_ref,
      tierId: row.tier_id,
      annotationValue: row.annotation_value,
      tierSince: toDate(row.tier_since),
      lastSeenAt: toDate(row.last_seen_at),
    };
  }

  async removeEntityTiersNotSeenSince(cutoff: Date): Promise<number> {
    return this.db('entity_tiers').where('last_seen_at', '<', cutoff).delete();
  }
}
