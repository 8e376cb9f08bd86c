import {
  OpenSloError,
  SliBucket,
  SliceCounts,
  SloDefinition,
  SloStatusReport,
} from '@reliability-suite/plugin-reliability-common';

/** Where an SLO definition comes from. @public */
export type SloSource = 'catalog' | 'api';

/** @public */
export interface StoredSlo {
  id: number;
  entityRef: string;
  name: string;
  source: SloSource;
  definition: SloDefinition;
  version: number;
  updatedBy: string | null;
  createdAt: Date;
  updatedAt: Date;
}

/** An SLO with its last computed status, for lists. @public */
export interface StoredSloWithStatus extends StoredSlo {
  status: SloStatusReport | null;
  statusComputedAt: Date | null;
}

/** @public */
export interface BudgetException {
  id: number;
  entityRef: string;
  reason: string;
  startsAt: Date;
  endsAt: Date;
  approvedBy: string;
  createdAt: Date;
}

/** Raw one-minute measurement counts, summed per bucket. @public */
export interface MeasurementBucket {
  start: number;
  good: number;
  total: number;
}

/**
 * What {@link SloStore.rollUpBuckets} rolls up: buckets of `fromMs` older
 * than `before` into buckets of `toMs`; `sliceCounts` keeps the Timeslices
 * counts of each coarse bucket.
 *
 * @public
 */
export type RollUpOptions = {
  fromMs: number;
  toMs: number;
  before: number;
  /** Only these SLOs (all when absent). */
  sloIds?: number[];
  sliceCounts: (slo: StoredSlo, buckets: SliBucket[]) => SliceCounts | undefined;
};

/**
 * SLO definitions, measurements, computed status and budget exceptions.
 *
 * @public
 */
export interface SloStore {
  listSlos(entityRef: string): Promise<StoredSloWithStatus[]>;
  /** {@link SloStore.listSlos} for many entities: every asked ref is a key. */
  listSlosByEntity(
    entityRefs: readonly string[],
  ): Promise<Map<string, StoredSloWithStatus[]>>;
  getSlo(entityRef: string, name: string): Promise<StoredSlo | undefined>;
  /** Every SLO id with its definition, for fleet-wide recomputes. */
  listAllSlos(): Promise<StoredSlo[]>;

  /**
   * Creates or replaces an API-managed SLO. Replacing needs the current
   * `expectedVersion`; a catalog-managed SLO of that name is never replaced.
   *
   * @throws ConflictError when the SLO is catalog-managed, or exists and no
   *   version was given
   * @throws PreconditionFailedError when `expectedVersion` is stale
   */
  putApiSlo(options: {
    entityRef: string;
    definition: SloDefinition;
    expectedVersion?: number;
    actor: string;
    at: Date;
  }): Promise<{ slo: StoredSlo; created: boolean }>;

  /**
   * Makes the catalog-managed SLOs of an entity equal `definitions`:
   * inserts new ones, updates changed ones (bumping their version), deletes
   * those gone from the file. API-managed SLOs are left alone; a catalog
   * SLO whose name an API SLO already has is skipped and returned.
   */
  syncCatalogSlos(options: {
    entityRef: string;
    definitions: SloDefinition[];
    at: Date;
  }): Promise<{ changed: StoredSlo[]; skipped: string[]; removed: number }>;

  /** Entities with catalog-managed SLOs, for removing stale ones. */
  listEntitiesWithCatalogSlos(): Promise<string[]>;

  setSloSyncProblems(
    entityRef: string,
    location: string,
    problems: OpenSloError[],
    at: Date,
  ): Promise<void>;
  clearSloSyncProblems(entityRef: string): Promise<void>;
  getSloSyncProblems(
    entityRef: string,
  ): Promise<{ location: string; problems: OpenSloError[] } | undefined>;

  /**
   * Writes one-minute buckets in one transaction; re-sending a bucket
   * replaces it, so retries never double-count.
   *
   * @returns how many buckets were written
   */
  writeMeasurements(
    sloId: number,
    buckets: MeasurementBucket[],
  ): Promise<number>;

  /**
   * Replaces every bucket that starts in `[from, to)`, of any resolution,
   * with `buckets` (each of its own length and, when rolled up, slice
   * counts), in one transaction, recomputing running totals from `from`.
   *
   * @returns how many stored buckets were replaced
   */
  replaceBuckets(
    sloId: number,
    range: { from: number; to: number },
    buckets: SliBucket[],
  ): Promise<number>;

  /**
   * Recomputes the running totals of every SLO's buckets from scratch: for
   * buckets written around the store (bulk loads, restores).
   */
  recomputeAllRunningTotals(): Promise<void>;

  /** The start of the SLO's newest bucket of any resolution; null when none. */
  newestBucketStart(sloId: number): Promise<number | null>;

  /** Buckets of every resolution with `fromExclusive < start <= toInclusive`. */
  readBuckets(
    sloId: number,
    fromExclusive: number,
    toInclusive: number,
  ): Promise<SliBucket[]>;

  /**
   * Sums good and total events over several ranges of bucket starts
   * (`fromExclusive < start <= toInclusive`) in one query, in the order
   * given: an SLO's window and lookbacks without reading its buckets.
   */
  sumBuckets(
    sloId: number,
    ranges: Array<{ fromExclusive: number; toInclusive: number }>,
  ): Promise<Array<{ good: number; total: number }>>;

  /**
   * Rolls buckets of `fromMs` older than `before` up into buckets of `toMs`
   * (sums, and for Timeslices SLOs the slice counts), deleting the finer
   * ones, in one transaction per SLO.
   *
   * @returns how many fine buckets were rolled up
   */
  rollUpBuckets(options: RollUpOptions): Promise<number>;

  /** Deletes buckets of `bucketMs` that start before `before`. */
  deleteBucketsBefore(bucketMs: number, before: number): Promise<number>;

  saveSloStatus(
    sloId: number,
    report: SloStatusReport,
    at: Date,
  ): Promise<void>;
  /** Many statuses in one transaction (the fleet recompute). */
  saveSloStatuses(
    statuses: Array<{ sloId: number; report: SloStatusReport }>,
    at: Date,
  ): Promise<void>;

  /**
   * Deletes an API-managed SLO with its buckets and status when
   * `expectedVersion` is current: compare-and-delete in one statement.
   *
   * @returns whether it was deleted (false: no such SLO)
   * @throws ConflictError when the SLO comes from the catalog
   * @throws PreconditionFailedError when the version is stale
   */
  deleteApiSlo(
    entityRef: string,
    name: string,
    expectedVersion: number,
  ): Promise<boolean>;

  createBudgetException(
    options: Omit<BudgetException, 'id'>,
  ): Promise<BudgetException>;
  /**
   * Revokes (deletes) one of the entity's exceptions; exceptions never
   * change, so the id alone is compared.
   *
   * @returns the revoked exception, undefined when there was none
   */
  deleteBudgetException(
    entityRef: string,
    id: string,
  ): Promise<BudgetException | undefined>;
  listBudgetExceptions(
    entityRef: string,
    activeAt?: Date,
  ): Promise<BudgetException[]>;
}
