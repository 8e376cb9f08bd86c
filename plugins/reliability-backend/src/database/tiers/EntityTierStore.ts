/**
 * What the catalog sync saw of one entity's tier.
 *
 * @public
 */
export interface TierObservation {
  entityRef: string;
  /** Resolved tier id, or null when untiered or unknown. */
  tierId: string | null;
  annotationValue: string | null;
}

/**
 * An entity's tier as stored, with the time it got that tier.
 *
 * @public
 */
export interface StoredEntityTier extends TierObservation {
  tierSince: Date;
  lastSeenAt: Date;
}

/**
 * Each catalog entity's tier as seen by the catalog sync.
 *
 * @public
 */
export interface EntityTierStore {
  /**
   * Records the tiers seen at `at`. An entity whose tier changed (or that is
   * new) gets `tierSince = at`; an unchanged one keeps its `tierSince`.
   * All observations are written in one transaction.
   *
   * @returns how many entities are new or changed tier
   */
  recordTierObservations(
    observations: TierObservation[],
    at: Date,
  ): Promise<{ changed: number }>;

  getEntityTier(entityRef: string): Promise<StoredEntityTier | undefined>;

  /** Forgets entities the sync has not seen since `cutoff` (deleted ones). */
  removeEntityTiersNotSeenSince(cutoff: Date): Promise<number>;
}
