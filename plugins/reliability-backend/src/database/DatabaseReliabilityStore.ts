import {
  DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import { ConflictError } from '@backstage/errors';
import {
  Attestation,
  OpenSloError,
  OverrideInput,
  ReadinessResult,
  Waiver,
  RotationResponse,
  SliBucket,
  SloDefinition,
  SloStatusReport,
} from '@reliability-suite/plugin-reliability-common';
import { Knex } from 'knex';
import { PreconditionFailedError } from '../errors/PreconditionFailedError';
import { StoredEntityTier, TierObservation } from './EntityTierStore';
import { ReliabilityStore } from './ReliabilityStore';
import { RotationFields } from './OnCallStore';
import { StoredReview } from './ReadinessStore';
import {
  ActionChanges,
  ActionFields,
  IncidentFields,
  StoredAction,
  StoredIncident,
  StoredPostmortem,
} from './IncidentStore';
import {
  BudgetException,
  MeasurementBucket,
  StoredSlo,
  StoredSloWithStatus,
} from './SloStore';
import { toDate } from './toDate';
import { upsertRows } from './upsertRows';

const migrationsDir = resolvePackagePath(
  '@reliability-suite/plugin-reliability-backend',
  'migrations',
);

/**
 * SQLite limits bound parameters per statement; 500 rows of a few columns
 * stays far below it on every engine.
 */
const CHUNK_SIZE = 500;

/**
 * Sets the running totals (`cum_good`, `cum_total`) of an SLO's buckets
 * from `fromStart` on (or of every bucket), continuing from the last bucket
 * before it. Buckets are ordered by start, then length.
 */
async function recomputeRunningTotals(
  db: Knex | Knex.Transaction,
  sloId?: number,
  fromStart?: number,
): Promise<void> {
  const scoped = sloId !== undefined;
  const base = (column: string) =>
    scoped
      ? `COALESCE((SELECT p.${column} FROM sli_buckets p WHERE p.slo_id = ? AND p.bucket_start < ? ORDER BY p.bucket_start DESC, p.bucket_ms DESC LIMIT 1), 0)`
      : '0';
  const baseBindings = scoped ? [sloId, fromStart ?? 0] : [];
  await db.raw(
    `UPDATE sli_buckets SET cum_good = w.cg, cum_total = w.ct
     FROM (
       SELECT slo_id AS s, bucket_ms AS m, bucket_start AS b,
         ${base(
           'cum_good',
         )} + SUM(good) OVER (PARTITION BY slo_id ORDER BY bucket_start, bucket_ms) AS cg,
         ${base(
           'cum_total',
         )} + SUM(total) OVER (PARTITION BY slo_id ORDER BY bucket_start, bucket_ms) AS ct
       FROM sli_buckets
       ${scoped ? 'WHERE slo_id = ? AND bucket_start >= ?' : ''}
     ) w
     WHERE sli_buckets.slo_id = w.s
       AND sli_buckets.bucket_ms = w.m
       AND sli_buckets.bucket_start = w.b`,
    [
      ...baseBindings,
      ...baseBindings,
      ...(scoped ? [sloId, fromStart ?? 0] : []),
    ] as Knex.RawBinding[],
  );
}

/**
 * The running totals of an SLO at each point: those of the last bucket
 * starting at or before it; before the first kept bucket (older ones may
 * have been deleted by retention), the first kept bucket's less its own
 * counts; 0 without buckets.
 */
async function runningTotalsAt(
  db: Knex,
  sloId: number,
  points: number[],
): Promise<Map<number, { good: number; total: number }>> {
  const atOrBefore = (column: string) =>
    `(SELECT ${column} FROM sli_buckets WHERE slo_id = ? AND bucket_start <= ? ORDER BY bucket_start DESC, bucket_ms DESC LIMIT 1)`;
  const firstAfter = (column: string, own: string) =>
    `(SELECT ${column} - ${own} FROM sli_buckets WHERE slo_id = ? AND bucket_start > ? ORDER BY bucket_start, bucket_ms LIMIT 1)`;
  const columns = points.flatMap((_p, i) => [
    `COALESCE(${atOrBefore('cum_good')}, ${firstAfter(
      'cum_good',
      'good',
    )}, 0) AS g${i}`,
    `COALESCE(${atOrBefore('cum_total')}, ${firstAfter(
      'cum_total',
      'total',
    )}, 0) AS t${i}`,
  ]);
  const bindings = points.flatMap(p => [
    sloId,
    p,
    sloId,
    p,
    sloId,
    p,
    sloId,
    p,
  ]);
  const result = await db.raw(`SELECT ${columns.join(', ')}`, bindings);
  // better-sqlite3 answers rows, pg a result with rows.
  const row = (Array.isArray(result) ? result[0] : result.rows[0]) as Record<
    string,
    string | number
  >;
  return new Map(
    points.map((p, i) => [
      p,
      { good: Number(row[`g${i}`]), total: Number(row[`t${i}`]) },
    ]),
  );
}

type EntityTierRow = {
  entity_ref: string;
  tier_id: string | null;
  annotation_value: string | null;
  tier_since: Date | string | number;
  last_seen_at: Date | string | number;
};

type SloRow = {
  id: number;
  entity_ref: string;
  name: string;
  source: 'catalog' | 'api';
  definition: string;
  version: number;
  updated_by: string | null;
  created_at: Date | string | number;
  updated_at: Date | string | number;
};

type BucketRow = {
  slo_id: number;
  bucket_ms: number | string;
  bucket_start: number | string;
  good: number | string;
  total: number | string;
  data_slices: number | null;
  bad_slices: number | null;
};

type BudgetExceptionRow = {
  id: number;
  entity_ref: string;
  reason: string;
  starts_at: Date | string | number;
  ends_at: Date | string | number;
  approved_by: string;
  created_at: Date | string | number;
};

function toStoredSlo(row: SloRow): StoredSlo {
  return {
    id: row.id,
    entityRef: row.entity_ref,
    name: row.name,
    source: row.source,
    definition: JSON.parse(row.definition),
    version: row.version,
    updatedBy: row.updated_by,
    createdAt: toDate(row.created_at),
    updatedAt: toDate(row.updated_at),
  };
}

// PostgreSQL returns bigint columns as strings; every count here fits a
// double exactly (< 2^53).
function toBucket(row: BucketRow): SliBucket {
  return {
    start: Number(row.bucket_start),
    durationMs: Number(row.bucket_ms),
    good: Number(row.good),
    total: Number(row.total),
    ...(row.data_slices !== null ? { dataSlices: row.data_slices } : {}),
    ...(row.bad_slices !== null ? { badSlices: row.bad_slices } : {}),
  };
}

function toBudgetException(row: BudgetExceptionRow): BudgetException {
  return {
    id: row.id,
    entityRef: row.entity_ref,
    reason: row.reason,
    startsAt: toDate(row.starts_at),
    endsAt: toDate(row.ends_at),
    approvedBy: row.approved_by,
    createdAt: toDate(row.created_at),
  };
}

type RotationRow = {
  id: string;
  name: string;
  team_ref: string;
  time_zone: string;
  handoff_anchor: string;
  shift_length: string;
  levels: string;
  version: number;
  updated_by: string | null;
  created_at: Date | string | number;
  updated_at: Date | string | number;
};

type OverrideRow = {
  id: number;
  rotation_id: string;
  level: number;
  starts_at: Date | string | number;
  ends_at: Date | string | number;
  user_ref: string;
};

type Timestamp = Date | string | number;

type IncidentRow = {
  id: number;
  title: string;
  severity: string;
  started_at: Timestamp;
  detected_at: Timestamp | null;
  acknowledged_at: Timestamp | null;
  mitigated_at: Timestamp | null;
  resolved_at: Timestamp | null;
  external_url: string | null;
  version: number;
  updated_by: string | null;
};

type ActionRow = {
  id: number;
  title: string;
  entity_ref: string;
  incident_id: number | null;
  owner_ref: string;
  priority: string;
  due_date: string;
  status: string;
  ticket_url: string | null;
  version: number;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  closed_at: Timestamp | null;
};

const isoOrNull = (value: Timestamp | null): string | null =>
  value === null || value === undefined ? null : toDate(value).toISOString();
const dateOrNull = (value: string | null | undefined): Date | null =>
  value ? new Date(value) : null;

function toStoredAction(row: ActionRow): StoredAction {
  return {
    id: String(row.id),
    title: row.title,
    entityRef: row.entity_ref,
    incidentId: row.incident_id === null ? null : String(row.incident_id),
    owner: row.owner_ref,
    priority: row.priority,
    dueDate: row.due_date,
    status: row.status as StoredAction['status'],
    ticketUrl: row.ticket_url,
    version: row.version,
    createdBy: row.created_by,
    createdAt: toDate(row.created_at).toISOString(),
    updatedAt: toDate(row.updated_at).toISOString(),
    closedAt: isoOrNull(row.closed_at),
  };
}

/** The one-minute resolution of raw measurements. */
export const MINUTE_MS = 60_000;

function chunk<T>(items: T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let i = 0; i < items.length; i += size) {
    chunks.push(items.slice(i, i + size));
  }
  return chunks;
}

/**
 * Rows grouped by entity ref, every asked ref present (empty when it has
 * none), rows keeping the query's order.
 */
function groupByEntity<R, T>(
  refs: readonly string[],
  rows: R[],
  refOf: (row: R) => string,
  map: (row: R) => T,
): Map<string, T[]> {
  const grouped = new Map<string, T[]>(refs.map(ref => [ref, []]));
  for (const row of rows) grouped.get(refOf(row))?.push(map(row));
  return grouped;
}

/**
 * Runs a query per chunk of keys (bound parameters stay well under the
 * drivers' limits) and joins the rows.
 */
async function inChunks<K, R>(
  keys: readonly K[],
  query: (chunkOfKeys: K[]) => Promise<R[]>,
): Promise<R[]> {
  const unique = [...new Set(keys)];
  const rows: R[] = [];
  for (const part of chunk(unique, CHUNK_SIZE))
    rows.push(...(await query(part)));
  return rows;
}

/**
 * The knex implementation of {@link ReliabilityStore}, on SQLite or
 * PostgreSQL.
 *
 * @public
 */
export class DatabaseReliabilityStore implements ReliabilityStore {
  static async create(options: {
    database: DatabaseService;
    skipMigrations?: boolean;
  }): Promise<DatabaseReliabilityStore> {
    const { database } = options;
    const client = await database.getClient();
    if (!options.skipMigrations && !database.migrations?.skip) {
      await client.migrate.latest({ directory: migrationsDir });
    }
    return new DatabaseReliabilityStore(client);
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

  // SLOs ------------------------------------------------------------------

  async listSlos(entityRef: string): Promise<StoredSloWithStatus[]> {
    return (await this.listSlosByEntity([entityRef])).get(entityRef)!;
  }

  async listSlosByEntity(
    entityRefs: readonly string[],
  ): Promise<Map<string, StoredSloWithStatus[]>> {
    const rows = await inChunks(entityRefs, refs =>
      this.db('slos')
        .leftJoin('slo_status', 'slo_status.slo_id', 'slos.id')
        .whereIn('slos.entity_ref', refs)
        .orderBy([{ column: 'slos.entity_ref' }, { column: 'slos.name' }])
        .select('slos.*', 'slo_status.report', 'slo_status.computed_at'),
    );
    return groupByEntity(
      entityRefs,
      rows,
      (row: SloRow) => row.entity_ref,
      (
        row: SloRow & {
          report: string | null;
          computed_at: Date | string | number | null;
        },
      ) => ({
        ...toStoredSlo(row),
        status: row.report ? (JSON.parse(row.report) as SloStatusReport) : null,
        statusComputedAt: row.computed_at ? toDate(row.computed_at) : null,
      }),
    );
  }

  async getSlo(
    entityRef: string,
    name: string,
  ): Promise<StoredSlo | undefined> {
    const row = await this.db<SloRow>('slos')
      .where({ entity_ref: entityRef, name })
      .first();
    return row ? toStoredSlo(row) : undefined;
  }

  async listAllSlos(): Promise<StoredSlo[]> {
    const rows = await this.db<SloRow>('slos').orderBy('id');
    return rows.map(toStoredSlo);
  }

  async putApiSlo(options: {
    entityRef: string;
    definition: SloDefinition;
    expectedVersion?: number;
    actor: string;
    at: Date;
  }): Promise<{ slo: StoredSlo; created: boolean }> {
    const { entityRef, definition, expectedVersion, actor, at } = options;
    return this.db.transaction(async tx => {
      const existing = await tx<SloRow>('slos')
        .where({ entity_ref: entityRef, name: definition.name })
        .first();
      if (!existing) {
        if (expectedVersion !== undefined) {
          throw new PreconditionFailedError(
            `SLO '${definition.name}' of ${entityRef} does not exist, so version ${expectedVersion} cannot match`,
          );
        }
        await tx('slos').insert({
          entity_ref: entityRef,
          name: definition.name,
          source: 'api',
          definition: JSON.stringify(definition),
          version: 1,
          updated_by: actor,
          created_at: at,
          updated_at: at,
        });
      } else {
        if (existing.source === 'catalog') {
          throw new ConflictError(
            `SLO '${definition.name}' of ${entityRef} is managed in the catalog (its OpenSLO file); change it there`,
          );
        }
        if (expectedVersion === undefined) {
          throw new ConflictError(
            `SLO '${definition.name}' of ${entityRef} exists at version ${existing.version}; send If-Match: "${existing.version}" to replace it`,
          );
        }
        // Compare-and-set on the version: of two writers holding the same
        // version, exactly one updates a row.
        const updated = await tx('slos')
          .where({ id: existing.id, version: expectedVersion })
          .update({
            definition: JSON.stringify(definition),
            version: expectedVersion + 1,
            updated_by: actor,
            updated_at: at,
          });
        if (updated === 0) {
          throw new PreconditionFailedError(
            `SLO '${definition.name}' of ${entityRef} was changed by someone else: it is at version ${existing.version}, not ${expectedVersion}. Reload and try again.`,
          );
        }
      }
      const row = await tx<SloRow>('slos')
        .where({ entity_ref: entityRef, name: definition.name })
        .first();
      return { slo: toStoredSlo(row!), created: !existing };
    });
  }

  async syncCatalogSlos(options: {
    entityRef: string;
    definitions: SloDefinition[];
    at: Date;
  }): Promise<{ changed: StoredSlo[]; skipped: string[]; removed: number }> {
    const { entityRef, definitions, at } = options;
    return this.db.transaction(async tx => {
      const existing = await tx<SloRow>('slos').where({
        entity_ref: entityRef,
      });
      const byName = new Map(existing.map(row => [row.name, row]));
      const changedNames: string[] = [];
      const skipped: string[] = [];
      for (const definition of definitions) {
        const row = byName.get(definition.name);
        const json = JSON.stringify(definition);
        if (!row) {
          await tx('slos').insert({
            entity_ref: entityRef,
            name: definition.name,
            source: 'catalog',
            definition: json,
            version: 1,
            updated_by: null,
            created_at: at,
            updated_at: at,
          });
          changedNames.push(definition.name);
        } else if (row.source === 'api') {
          skipped.push(definition.name);
        } else if (row.definition !== json) {
          await tx('slos')
            .where({ id: row.id })
            .update({
              definition: json,
              version: row.version + 1,
              updated_at: at,
            });
          changedNames.push(definition.name);
        }
      }
      const wanted = new Set(definitions.map(d => d.name));
      const goneIds = existing
        .filter(row => row.source === 'catalog' && !wanted.has(row.name))
        .map(row => row.id);
      if (goneIds.length > 0) {
        // Explicit deletes: SQLite does not enforce foreign keys by default.
        await tx('sli_buckets').whereIn('slo_id', goneIds).delete();
        await tx('slo_status').whereIn('slo_id', goneIds).delete();
        await tx('slos').whereIn('id', goneIds).delete();
      }
      const changed =
        changedNames.length === 0
          ? []
          : (
              await tx<SloRow>('slos')
                .where({ entity_ref: entityRef })
                .whereIn('name', changedNames)
            ).map(toStoredSlo);
      return { changed, skipped, removed: goneIds.length };
    });
  }

  async listEntitiesWithCatalogSlos(): Promise<string[]> {
    const rows = await this.db('slos')
      .where({ source: 'catalog' })
      .distinct('entity_ref');
    return rows.map((row: { entity_ref: string }) => row.entity_ref);
  }

  async setSloSyncProblems(
    entityRef: string,
    location: string,
    problems: OpenSloError[],
    at: Date,
  ): Promise<void> {
    await this.db('slo_sync_problems')
      .insert({
        entity_ref: entityRef,
        location,
        problems: JSON.stringify(problems),
        checked_at: at,
      })
      .onConflict('entity_ref')
      .merge(['location', 'problems', 'checked_at']);
  }

  async clearSloSyncProblems(entityRef: string): Promise<void> {
    await this.db('slo_sync_problems')
      .where({ entity_ref: entityRef })
      .delete();
  }

  async getSloSyncProblems(
    entityRef: string,
  ): Promise<{ location: string; problems: OpenSloError[] } | undefined> {
    const row = await this.db('slo_sync_problems')
      .where({ entity_ref: entityRef })
      .first();
    return row
      ? { location: row.location, problems: JSON.parse(row.problems) }
      : undefined;
  }

  async writeMeasurements(
    sloId: number,
    buckets: MeasurementBucket[],
  ): Promise<number> {
    await this.db.transaction(async tx => {
      // 5 columns × 2000 rows stays well under SQLite's 32766 parameters.
      for (const batch of chunk(buckets, 2000)) {
        await upsertRows(
          tx,
          'sli_buckets',
          ['slo_id', 'bucket_ms', 'bucket_start', 'good', 'total'],
          batch.map(b => [sloId, MINUTE_MS, b.start, b.good, b.total]),
          ['slo_id', 'bucket_ms', 'bucket_start'],
          ['good', 'total'],
        );
      }
      if (buckets.length > 0) {
        await recomputeRunningTotals(
          tx,
          sloId,
          Math.min(...buckets.map(b => b.start)),
        );
      }
    });
    return buckets.length;
  }

  async recomputeAllRunningTotals(): Promise<void> {
    await recomputeRunningTotals(this.db);
  }

  async readBuckets(
    sloId: number,
    fromExclusive: number,
    toInclusive: number,
  ): Promise<SliBucket[]> {
    const rows = await this.db<BucketRow>('sli_buckets')
      .where('slo_id', sloId)
      .andWhere('bucket_start', '>', fromExclusive)
      .andWhere('bucket_start', '<=', toInclusive)
      .orderBy('bucket_start');
    return rows.map(toBucket);
  }

  async sumBuckets(
    sloId: number,
    ranges: Array<{ fromExclusive: number; toInclusive: number }>,
  ): Promise<Array<{ good: number; total: number }>> {
    if (ranges.length === 0) {
      return [];
    }
    // Each range is the difference of the running totals at its ends: a
    // few index lookups in one statement, whatever the window's length.
    const points = [
      ...new Set(ranges.flatMap(r => [r.fromExclusive, r.toInclusive])),
    ];
    const totals = await runningTotalsAt(this.db, sloId, points);
    return ranges.map(r => {
      const from = totals.get(r.fromExclusive)!;
      const to = totals.get(r.toInclusive)!;
      return { good: to.good - from.good, total: to.total - from.total };
    });
  }

  async rollUpBuckets(options: {
    fromMs: number;
    toMs: number;
    before: number;
    sliceCounts: (
      slo: StoredSlo,
      buckets: SliBucket[],
    ) => { dataSlices: number; badSlices: number } | undefined;
  }): Promise<number> {
    const { fromMs, toMs, sliceCounts } = options;
    // Only whole coarse buckets are rolled up, so none is split between
    // resolutions.
    const before = Math.floor(options.before / toMs) * toMs;
    const sloIds = (
      await this.db('sli_buckets')
        .where({ bucket_ms: fromMs })
        .andWhere('bucket_start', '<', before)
        .distinct('slo_id')
    ).map((row: { slo_id: number }) => row.slo_id);
    let rolled = 0;
    for (const sloId of sloIds) {
      rolled += await this.db.transaction(async tx => {
        const sloRow = await tx<SloRow>('slos').where({ id: sloId }).first();
        const rows = await tx<BucketRow>('sli_buckets')
          .where({ slo_id: sloId, bucket_ms: fromMs })
          .andWhere('bucket_start', '<', before)
          .orderBy('bucket_start');
        const groups = new Map<number, SliBucket[]>();
        for (const bucket of rows.map(toBucket)) {
          const start = Math.floor(bucket.start / toMs) * toMs;
          groups.set(start, [...(groups.get(start) ?? []), bucket]);
        }
        for (const [start, group] of groups) {
          const counts = sloRow
            ? sliceCounts(toStoredSlo(sloRow), group)
            : undefined;
          const existing = await tx<BucketRow>('sli_buckets')
            .where({ slo_id: sloId, bucket_ms: toMs, bucket_start: start })
            .first();
          const sum = (pick: (b: SliBucket) => number | undefined) =>
            group.reduce((total, b) => total + (pick(b) ?? 0), 0);
          const row = {
            slo_id: sloId,
            bucket_ms: toMs,
            bucket_start: start,
            good: sum(b => b.good) + Number(existing?.good ?? 0),
            total: sum(b => b.total) + Number(existing?.total ?? 0),
            data_slices: counts
              ? counts.dataSlices + (existing?.data_slices ?? 0)
              : null,
            bad_slices: counts
              ? counts.badSlices + (existing?.bad_slices ?? 0)
              : null,
          };
          await tx('sli_buckets')
            .insert(row)
            .onConflict(['slo_id', 'bucket_ms', 'bucket_start'])
            .merge(['good', 'total', 'data_slices', 'bad_slices']);
        }
        await tx('sli_buckets')
          .where({ slo_id: sloId, bucket_ms: fromMs })
          .andWhere('bucket_start', '<', before)
          .delete();
        if (groups.size > 0) {
          await recomputeRunningTotals(tx, sloId, Math.min(...groups.keys()));
        }
        return rows.length;
      });
    }
    return rolled;
  }

  async deleteBucketsBefore(bucketMs: number, before: number): Promise<number> {
    return this.db('sli_buckets')
      .where({ bucket_ms: bucketMs })
      .andWhere('bucket_start', '<', before)
      .delete();
  }

  async saveSloStatus(
    sloId: number,
    report: SloStatusReport,
    at: Date,
  ): Promise<void> {
    await this.saveSloStatuses([{ sloId, report }], at);
  }

  async saveSloStatuses(
    statuses: Array<{ sloId: number; report: SloStatusReport }>,
    at: Date,
  ): Promise<void> {
    const columns = [
      'slo_id',
      'status',
      'budget_remaining',
      'attainment',
      'report',
      'computed_at',
    ];
    await this.db.transaction(async tx => {
      for (const batch of chunk(statuses, CHUNK_SIZE)) {
        await upsertRows(
          tx,
          'slo_status',
          columns,
          batch.map(({ sloId, report }) => [
            sloId,
            report.status,
            report.errorBudget.remaining,
            report.attainment,
            JSON.stringify(report),
            at,
          ]),
          ['slo_id'],
          columns.slice(1),
        );
      }
    });
  }

  async createBudgetException(
    options: Omit<BudgetException, 'id'>,
  ): Promise<BudgetException> {
    const [row] = await this.db<BudgetExceptionRow>('budget_exceptions')
      .insert({
        entity_ref: options.entityRef,
        reason: options.reason,
        starts_at: options.startsAt,
        ends_at: options.endsAt,
        approved_by: options.approvedBy,
        created_at: options.createdAt,
      })
      .returning('*');
    return toBudgetException(row);
  }

  async listBudgetExceptions(
    entityRef: string,
    activeAt?: Date,
  ): Promise<BudgetException[]> {
    let query = this.db<BudgetExceptionRow>('budget_exceptions').where({
      entity_ref: entityRef,
    });
    if (activeAt) {
      query = query
        .andWhere('starts_at', '<=', activeAt)
        .andWhere('ends_at', '>', activeAt);
    }
    const rows = await query.orderBy('ends_at', 'desc');
    return rows.map(toBudgetException);
  }

  // On-call ----------------------------------------------------------------

  private async withOverrides(
    rows: RotationRow[],
  ): Promise<RotationResponse[]> {
    if (rows.length === 0) {
      return [];
    }
    const overrides = await this.db<OverrideRow>('rotation_overrides')
      .whereIn(
        'rotation_id',
        rows.map(r => r.id),
      )
      .orderBy('starts_at');
    return rows.map(row => ({
      id: row.id,
      name: row.name,
      team: row.team_ref,
      timeZone: row.time_zone,
      handoffAnchor: row.handoff_anchor,
      shiftLength: row.shift_length,
      levels: JSON.parse(row.levels),
      overrides: overrides
        .filter(o => o.rotation_id === row.id)
        .map(o => ({
          id: String(o.id),
          start: toDate(o.starts_at).toISOString(),
          end: toDate(o.ends_at).toISOString(),
          user: o.user_ref,
          level: o.level,
        })),
      version: row.version,
      updatedBy: row.updated_by,
      updatedAt: toDate(row.updated_at).toISOString(),
    }));
  }

  async getRotation(id: string): Promise<RotationResponse | undefined> {
    const [rotation] = await this.getRotations([id]);
    return rotation;
  }

  async getRotations(
    ids: string[],
  ): Promise<Array<RotationResponse | undefined>> {
    const rows = await this.db<RotationRow>('rotations').whereIn('id', ids);
    const rotations = await this.withOverrides(rows);
    return ids.map(id => rotations.find(r => r.id === id));
  }

  async listRotations(
    options: { teams?: string[] } = {},
  ): Promise<RotationResponse[]> {
    let query = this.db<RotationRow>('rotations');
    if (options.teams) {
      query = query.whereIn('team_ref', options.teams);
    }
    return this.withOverrides(await query.orderBy('id'));
  }

  async putRotation(options: {
    id: string;
    fields: RotationFields;
    expectedVersion?: number;
    actor: string;
    at: Date;
  }): Promise<{ rotation: RotationResponse; created: boolean }> {
    const { id, fields, expectedVersion, actor, at } = options;
    const columns = {
      name: fields.name,
      team_ref: fields.team,
      time_zone: fields.timeZone,
      handoff_anchor: fields.handoffAnchor,
      shift_length: fields.shiftLength,
      levels: JSON.stringify(fields.levels),
      updated_by: actor,
      updated_at: at,
    };
    const created = await this.db.transaction(async tx => {
      const existing = await tx<RotationRow>('rotations').where({ id }).first();
      if (!existing) {
        if (expectedVersion !== undefined) {
          throw new PreconditionFailedError(
            `Rotation '${id}' does not exist, so version ${expectedVersion} cannot match`,
          );
        }
        await tx('rotations').insert({
          id,
          ...columns,
          version: 1,
          created_at: at,
        });
        return true;
      }
      if (expectedVersion === undefined) {
        throw new ConflictError(
          `Rotation '${id}' exists at version ${existing.version}; send its version (If-Match: "${existing.version}" or a version field) to replace it`,
        );
      }
      // Compare-and-set: of two writers holding the same version, one wins.
      const updated = await tx('rotations')
        .where({ id, version: expectedVersion })
        .update({ ...columns, version: expectedVersion + 1 });
      if (updated === 0) {
        throw new PreconditionFailedError(
          `Rotation '${id}' was changed by someone else: it is at version ${existing.version}, not ${expectedVersion}. Reload and try again.`,
        );
      }
      return false;
    });
    return { rotation: (await this.getRotation(id))!, created };
  }

  async deleteRotation(id: string, expectedVersion?: number): Promise<boolean> {
    return this.db.transaction(async tx => {
      const existing = await tx<RotationRow>('rotations').where({ id }).first();
      if (!existing) {
        return false;
      }
      if (
        expectedVersion !== undefined &&
        existing.version !== expectedVersion
      ) {
        throw new PreconditionFailedError(
          `Rotation '${id}' was changed by someone else: it is at version ${existing.version}, not ${expectedVersion}.`,
        );
      }
      await tx('rotation_overrides').where({ rotation_id: id }).delete();
      await tx('rotations').where({ id }).delete();
      return true;
    });
  }

  async addOverride(options: {
    rotationId: string;
    override: OverrideInput;
    actor: string;
    at: Date;
  }): Promise<{ id: string }> {
    const { rotationId, override, actor, at } = options;
    const [row] = await this.db('rotation_overrides')
      .insert({
        rotation_id: rotationId,
        level: override.level ?? 1,
        starts_at: new Date(override.start),
        ends_at: new Date(override.end),
        user_ref: override.user,
        created_by: actor,
        created_at: at,
      })
      .returning('id');
    return { id: String(typeof row === 'object' ? row.id : row) };
  }

  async deleteOverride(
    rotationId: string,
    overrideId: string,
  ): Promise<boolean> {
    if (!/^\d+$/.test(overrideId)) {
      return false;
    }
    const deleted = await this.db('rotation_overrides')
      .where({ rotation_id: rotationId, id: Number(overrideId) })
      .delete();
    return deleted > 0;
  }

  // Incidents, postmortems, actions ------------------------------------------

  private async incidentsFromRows(
    rows: IncidentRow[],
  ): Promise<StoredIncident[]> {
    if (rows.length === 0) return [];
    const links: Array<{ incident_id: number | string; entity_ref: string }> =
      await inChunks(
        rows.map(r => Number(r.id)),
        ids => this.db('incident_entities').whereIn('incident_id', ids),
      );
    const refsOf = new Map<number, string[]>();
    for (const link of links) {
      const id = Number(link.incident_id);
      refsOf.set(id, [...(refsOf.get(id) ?? []), link.entity_ref]);
    }
    return rows.map(row => ({
      id: String(row.id),
      title: row.title,
      severity: row.severity,
      entityRefs: [...(refsOf.get(Number(row.id)) ?? [])].sort(),
      startedAt: toDate(row.started_at).toISOString(),
      detectedAt: isoOrNull(row.detected_at),
      acknowledgedAt: isoOrNull(row.acknowledged_at),
      mitigatedAt: isoOrNull(row.mitigated_at),
      resolvedAt: isoOrNull(row.resolved_at),
      externalUrl: row.external_url,
      version: row.version,
      updatedBy: row.updated_by,
    }));
  }

  private incidentColumns(fields: Partial<IncidentFields>) {
    const columns: Record<string, unknown> = {};
    if (fields.title !== undefined) columns.title = fields.title;
    if (fields.severity !== undefined) columns.severity = fields.severity;
    if (fields.startedAt !== undefined)
      columns.started_at = new Date(fields.startedAt);
    if (fields.detectedAt !== undefined)
      columns.detected_at = dateOrNull(fields.detectedAt);
    if (fields.acknowledgedAt !== undefined)
      columns.acknowledged_at = dateOrNull(fields.acknowledgedAt);
    if (fields.mitigatedAt !== undefined)
      columns.mitigated_at = dateOrNull(fields.mitigatedAt);
    if (fields.resolvedAt !== undefined)
      columns.resolved_at = dateOrNull(fields.resolvedAt);
    if (fields.externalUrl !== undefined)
      columns.external_url = fields.externalUrl;
    return columns;
  }

  async createIncident(
    fields: IncidentFields,
    actor: string,
    at: Date,
  ): Promise<StoredIncident> {
    const id = await this.db.transaction(async tx => {
      const [row] = await tx('incidents')
        .insert({
          ...this.incidentColumns(fields),
          version: 1,
          updated_by: actor,
          created_at: at,
          updated_at: at,
        })
        .returning('id');
      const incidentId = typeof row === 'object' ? row.id : row;
      await tx('incident_entities').insert(
        [...new Set(fields.entityRefs)].map(entityRef => ({
          incident_id: incidentId,
          entity_ref: entityRef,
        })),
      );
      return String(incidentId);
    });
    return (await this.getIncident(id))!;
  }

  async hasAnyIncident(): Promise<boolean> {
    return (await this.db('incidents').first('id')) !== undefined;
  }

  async getIncident(id: string): Promise<StoredIncident | undefined> {
    if (!/^\d{1,12}$/.test(id)) return undefined;
    const rows = await this.db<IncidentRow>('incidents').where({
      id: Number(id),
    });
    return (await this.incidentsFromRows(rows))[0];
  }

  async updateIncident(
    id: string,
    changes: Partial<IncidentFields>,
    expectedVersion: number,
    actor: string,
    at: Date,
  ): Promise<StoredIncident> {
    await this.db.transaction(async tx => {
      const updated = await tx('incidents')
        .where({ id: Number(id), version: expectedVersion })
        .update({
          ...this.incidentColumns(changes),
          version: expectedVersion + 1,
          updated_by: actor,
          updated_at: at,
        });
      if (updated === 0) {
        const current = await tx<IncidentRow>('incidents')
          .where({ id: Number(id) })
          .first();
        throw new PreconditionFailedError(
          `Incident ${id} was changed by someone else: it is at version ${current?.version}, not ${expectedVersion}. Reload and try again.`,
        );
      }
      if (changes.entityRefs) {
        await tx('incident_entities')
          .where({ incident_id: Number(id) })
          .delete();
        await tx('incident_entities').insert(
          [...new Set(changes.entityRefs)].map(entityRef => ({
            incident_id: Number(id),
            entity_ref: entityRef,
          })),
        );
      }
    });
    return (await this.getIncident(id))!;
  }

  async listIncidents(
    entityRef: string,
    since: Date,
  ): Promise<StoredIncident[]> {
    return (await this.listIncidentsByEntity([entityRef], since)).get(
      entityRef,
    )!;
  }

  async listIncidentsByEntity(
    entityRefs: readonly string[],
    since: Date,
  ): Promise<Map<string, StoredIncident[]>> {
    const rows = await inChunks(entityRefs, refs =>
      this.db<IncidentRow>('incidents')
        .join(
          'incident_entities',
          'incident_entities.incident_id',
          'incidents.id',
        )
        .whereIn('incident_entities.entity_ref', refs)
        .andWhere('incidents.started_at', '>=', since)
        .orderBy([
          { column: 'incidents.started_at', order: 'desc' },
          { column: 'incidents.id', order: 'desc' },
        ])
        .select('incidents.*', 'incident_entities.entity_ref as asked_ref'),
    );
    // One incident may affect several of the asked entities: read it once.
    const unique = [
      ...new Map(rows.map(r => [Number(r.id), r] as const)).values(),
    ];
    const incidents = new Map(
      (await this.incidentsFromRows(unique)).map(i => [i.id, i]),
    );
    return groupByEntity(
      entityRefs,
      rows as Array<IncidentRow & { asked_ref: string }>,
      row => row.asked_ref,
      row => incidents.get(String(row.id))!,
    );
  }

  async getPostmortems(
    incidentIds: string[],
  ): Promise<Map<string, StoredPostmortem>> {
    const rows = await inChunks(incidentIds.map(Number), ids =>
      this.db('postmortems').whereIn('incident_id', ids),
    );
    return new Map(
      rows.map((row: any) => [
        String(row.incident_id),
        {
          incidentId: String(row.incident_id),
          status: row.status,
          documentUrl: row.document_url,
          summary: row.summary,
          publishedAt: isoOrNull(row.published_at),
          version: row.version,
          updatedBy: row.updated_by,
          updatedAt: toDate(row.updated_at).toISOString(),
        },
      ]),
    );
  }

  async putPostmortem(
    incidentId: string,
    fields: Pick<StoredPostmortem, 'status' | 'documentUrl' | 'summary'>,
    expectedVersion: number | undefined,
    actor: string,
    at: Date,
  ): Promise<StoredPostmortem> {
    await this.db.transaction(async tx => {
      const existing = await tx('postmortems')
        .where({ incident_id: Number(incidentId) })
        .first();
      const publishedAt =
        fields.status === 'published' ? existing?.published_at ?? at : null;
      const columns = {
        status: fields.status,
        document_url: fields.documentUrl,
        summary: fields.summary,
        published_at: publishedAt,
        updated_by: actor,
        updated_at: at,
      };
      if (!existing) {
        await tx('postmortems').insert({
          incident_id: Number(incidentId),
          ...columns,
          version: 1,
        });
        return;
      }
      if (expectedVersion === undefined) {
        throw new ConflictError(
          `The postmortem of incident ${incidentId} exists at version ${existing.version}; send If-Match: "${existing.version}" to replace it`,
        );
      }
      const updated = await tx('postmortems')
        .where({ incident_id: Number(incidentId), version: expectedVersion })
        .update({ ...columns, version: expectedVersion + 1 });
      if (updated === 0) {
        throw new PreconditionFailedError(
          `The postmortem of incident ${incidentId} was changed by someone else: it is at version ${existing.version}, not ${expectedVersion}.`,
        );
      }
    });
    return (await this.getPostmortems([incidentId])).get(incidentId)!;
  }

  async createAction(
    fields: ActionFields,
    actor: string,
    at: Date,
  ): Promise<StoredAction> {
    const [row] = await this.db('actions')
      .insert({
        title: fields.title,
        entity_ref: fields.entityRef,
        incident_id:
          fields.incidentId === null ? null : Number(fields.incidentId),
        owner_ref: fields.owner,
        priority: fields.priority,
        due_date: fields.dueDate,
        status: 'open',
        ticket_url: fields.ticketUrl,
        version: 1,
        created_by: actor,
        updated_by: actor,
        created_at: at,
        updated_at: at,
        closed_at: null,
      })
      .returning('id');
    return (await this.getAction(
      String(typeof row === 'object' ? row.id : row),
    ))!;
  }

  async importActions(
    rows: Array<
      ActionFields & { status: StoredAction['status']; createdAt: Date }
    >,
    actor: string,
    at: Date,
  ): Promise<number> {
    await this.db.transaction(async tx => {
      for (const batch of chunk(rows, 200)) {
        await tx('actions').insert(
          batch.map(row => ({
            title: row.title,
            entity_ref: row.entityRef,
            incident_id:
              row.incidentId === null ? null : Number(row.incidentId),
            owner_ref: row.owner,
            priority: row.priority,
            due_date: row.dueDate,
            status: row.status,
            ticket_url: row.ticketUrl,
            version: 1,
            created_by: actor,
            updated_by: actor,
            created_at: row.createdAt,
            updated_at: at,
            // A closed backlog item is taken as closed when imported.
            closed_at:
              row.status === 'done' || row.status === 'wont-do' ? at : null,
          })),
        );
      }
    });
    return rows.length;
  }

  async existingActionKeys(entityRefs: string[]): Promise<Set<string>> {
    const rows = await this.db('actions')
      .whereIn('entity_ref', entityRefs)
      .select('entity_ref', 'title');
    return new Set(
      rows.map(
        (r: { entity_ref: string; title: string }) =>
          `${r.entity_ref}\t${r.title}`,
      ),
    );
  }

  async getAction(id: string): Promise<StoredAction | undefined> {
    if (!/^\d{1,12}$/.test(id)) return undefined;
    const row = await this.db<ActionRow>('actions')
      .where({ id: Number(id) })
      .first();
    return row ? toStoredAction(row) : undefined;
  }

  async updateAction(
    id: string,
    changes: ActionChanges,
    expectedVersion: number,
    actor: string,
    at: Date,
  ): Promise<StoredAction> {
    const columns: Record<string, unknown> = {
      updated_by: actor,
      updated_at: at,
      version: expectedVersion + 1,
    };
    if (changes.title !== undefined) columns.title = changes.title;
    if (changes.owner !== undefined) columns.owner_ref = changes.owner;
    if (changes.priority !== undefined) columns.priority = changes.priority;
    if (changes.dueDate !== undefined) columns.due_date = changes.dueDate;
    if (changes.ticketUrl !== undefined) columns.ticket_url = changes.ticketUrl;
    if (changes.status !== undefined) {
      columns.status = changes.status;
      columns.closed_at =
        changes.status === 'done' || changes.status === 'wont-do' ? at : null;
    }
    const updated = await this.db('actions')
      .where({ id: Number(id), version: expectedVersion })
      .update(columns);
    if (updated === 0) {
      const current = await this.getAction(id);
      throw new PreconditionFailedError(
        `Action ${id} was changed by someone else: it is at version ${current?.version}, not ${expectedVersion}. Reload and try again.`,
      );
    }
    return (await this.getAction(id))!;
  }

  async listEntityActions(
    entityRef: string,
    statuses?: string[],
  ): Promise<StoredAction[]> {
    return (await this.listActionsByEntity([entityRef], statuses)).get(
      entityRef,
    )!;
  }

  async listActionsByEntity(
    entityRefs: readonly string[],
    statuses?: string[],
  ): Promise<Map<string, StoredAction[]>> {
    const rows = await inChunks(entityRefs, refs => {
      let query = this.db<ActionRow>('actions').whereIn('entity_ref', refs);
      if (statuses) query = query.whereIn('status', statuses);
      return query.orderBy([{ column: 'due_date' }, { column: 'id' }]);
    });
    return groupByEntity(
      entityRefs,
      rows,
      row => row.entity_ref,
      toStoredAction,
    );
  }

  async listActionsByOwners(options: {
    owners: string[];
    statuses?: string[];
    dueBefore?: string;
    after?: { dueDate: string; id: number };
    limit: number;
  }): Promise<StoredAction[]> {
    let query = this.db<ActionRow>('actions').whereIn(
      'owner_ref',
      options.owners,
    );
    if (options.statuses) query = query.whereIn('status', options.statuses);
    if (options.dueBefore)
      query = query.andWhere('due_date', '<', options.dueBefore);
    const after = options.after;
    if (after) {
      // Keyset: strictly after (due_date, id), stable under inserts.
      query = query.andWhere(qb =>
        qb
          .where('due_date', '>', after.dueDate)
          .orWhere(inner =>
            inner
              .where('due_date', after.dueDate)
              .andWhere('id', '>', after.id),
          ),
      );
    }
    const rows = await query
      .orderBy([{ column: 'due_date' }, { column: 'id' }])
      .limit(options.limit);
    return rows.map(toStoredAction);
  }

  // Readiness ----------------------------------------------------------------

  async listAttestations(entityRef: string): Promise<Attestation[]> {
    return (await this.listAttestationsByEntity([entityRef])).get(entityRef)!;
  }

  async listAttestationsByEntity(
    entityRefs: readonly string[],
  ): Promise<Map<string, Attestation[]>> {
    return this.readByEntity(
      'readiness_attestations',
      entityRefs,
      'attested_at',
      (r: any) => ({
        id: String(r.id),
        itemId: r.item_id,
        evidenceUrl: r.evidence_url,
        note: r.note,
        attestedBy: r.attested_by,
        attestedAt: toDate(r.attested_at).toISOString(),
        expiresAt: toDate(r.expires_at).toISOString(),
      }),
    );
  }

  /** Rows of a per-entity table for many entities, newest `column` first. */
  private async readByEntity<T>(
    table: string,
    entityRefs: readonly string[],
    column: string,
    map: (row: any) => T,
  ): Promise<Map<string, T[]>> {
    const rows = await inChunks(entityRefs, refs =>
      this.db(table)
        .whereIn('entity_ref', refs)
        .orderBy([
          { column, order: 'desc' },
          { column: 'id', order: 'desc' },
        ]),
    );
    return groupByEntity(entityRefs, rows, (r: any) => r.entity_ref, map);
  }

  async addAttestation(
    entityRef: string,
    a: Omit<Attestation, 'id'>,
  ): Promise<Attestation> {
    const [row] = await this.db('readiness_attestations')
      .insert({
        entity_ref: entityRef,
        item_id: a.itemId,
        evidence_url: a.evidenceUrl,
        note: a.note,
        attested_by: a.attestedBy,
        attested_at: new Date(a.attestedAt),
        expires_at: new Date(a.expiresAt),
      })
      .returning('id');
    return { id: String(typeof row === 'object' ? row.id : row), ...a };
  }

  async deleteAttestation(entityRef: string, id: string): Promise<boolean> {
    if (!/^\d{1,12}$/.test(id)) return false;
    return (
      (await this.db('readiness_attestations')
        .where({ entity_ref: entityRef, id: Number(id) })
        .delete()) > 0
    );
  }

  async listWaivers(entityRef: string): Promise<Waiver[]> {
    return (await this.listWaiversByEntity([entityRef])).get(entityRef)!;
  }

  async listWaiversByEntity(
    entityRefs: readonly string[],
  ): Promise<Map<string, Waiver[]>> {
    return this.readByEntity(
      'readiness_waivers',
      entityRefs,
      'expires_at',
      (r: any) => ({
        id: String(r.id),
        itemId: r.item_id,
        reason: r.reason,
        approvedBy: r.approved_by,
        expiresAt: toDate(r.expires_at).toISOString(),
      }),
    );
  }

  async addWaiver(
    entityRef: string,
    w: Omit<Waiver, 'id'> & { createdAt: Date },
  ): Promise<Waiver> {
    const [row] = await this.db('readiness_waivers')
      .insert({
        entity_ref: entityRef,
        item_id: w.itemId,
        reason: w.reason,
        approved_by: w.approvedBy,
        created_at: w.createdAt,
        expires_at: new Date(w.expiresAt),
      })
      .returning('id');
    return {
      id: String(typeof row === 'object' ? row.id : row),
      itemId: w.itemId,
      reason: w.reason,
      approvedBy: w.approvedBy,
      expiresAt: w.expiresAt,
    };
  }

  private toReview(r: any): StoredReview {
    return {
      id: String(r.id),
      entityRef: r.entity_ref,
      state: r.state,
      requestedBy: r.requested_by,
      requestedAt: toDate(r.requested_at).toISOString(),
      targetLaunchDate: r.target_launch_date,
      decidedBy: r.decided_by,
      decidedAt: isoOrNull(r.decided_at),
      comment: r.comment,
      tierId: r.tier_id,
      snapshot: r.snapshot ? (JSON.parse(r.snapshot) as ReadinessResult) : null,
      version: r.version,
    };
  }

  async createReview(options: {
    entityRef: string;
    requestedBy: string;
    at: Date;
    targetLaunchDate: string | null;
  }): Promise<StoredReview> {
    const [row] = await this.db('readiness_reviews')
      .insert({
        entity_ref: options.entityRef,
        state: 'requested',
        requested_by: options.requestedBy,
        requested_at: options.at,
        target_launch_date: options.targetLaunchDate,
        version: 1,
      })
      .returning('id');
    return (await this.getReview(
      String(typeof row === 'object' ? row.id : row),
    ))!;
  }

  async getReview(id: string): Promise<StoredReview | undefined> {
    if (!/^\d{1,12}$/.test(id)) return undefined;
    const row = await this.db('readiness_reviews')
      .where({ id: Number(id) })
      .first();
    return row ? this.toReview(row) : undefined;
  }

  async listReviews(entityRef: string): Promise<StoredReview[]> {
    return (await this.listReviewsByEntity([entityRef])).get(entityRef)!;
  }

  async listReviewsByEntity(
    entityRefs: readonly string[],
  ): Promise<Map<string, StoredReview[]>> {
    return this.readByEntity('readiness_reviews', entityRefs, 'id', (r: any) =>
      this.toReview(r),
    );
  }

  async listReviewsByState(
    state: StoredReview['state'],
    afterId: number | undefined,
    limit: number,
  ): Promise<StoredReview[]> {
    let query = this.db('readiness_reviews').where({ state });
    if (afterId !== undefined) query = query.andWhere('id', '>', afterId);
    const rows = await query.orderBy('id').limit(limit);
    return rows.map((r: any) => this.toReview(r));
  }

  async decideReview(options: {
    id: string;
    decision: 'approved' | 'rejected';
    decidedBy: string;
    at: Date;
    comment: string | null;
    tierId: string | null;
    snapshot: ReadinessResult;
  }): Promise<StoredReview> {
    // Compare-and-set on the state: of two concurrent decisions one wins.
    const updated = await this.db('readiness_reviews')
      .where({ id: Number(options.id), state: 'requested' })
      .update({
        state: options.decision,
        decided_by: options.decidedBy,
        decided_at: options.at,
        comment: options.comment,
        tier_id: options.tierId,
        snapshot: JSON.stringify(options.snapshot),
        version: this.db.raw('version + 1'),
      });
    if (updated === 0) {
      throw new ConflictError(`Review ${options.id} is no longer pending`);
    }
    return (await this.getReview(options.id))!;
  }
}
