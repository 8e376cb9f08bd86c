import { ConflictError } from '@backstage/errors';
import {
  OpenSloError,
  SliBucket,
  SloDefinition,
  SloStatusReport,
} from '@reliability-suite/plugin-reliability-common';
import { Knex } from 'knex';
import { PreconditionFailedError } from '../../errors/PreconditionFailedError';
import { chunk, CHUNK_SIZE, groupByEntity, inChunks } from '../queryHelpers';
import { toDate } from '../toDate';
import { upsertRows } from '../upsertRows';
import {
  createBudgetException,
  deleteBudgetException,
  listBudgetExceptions,
} from './budgetExceptions';
import { replaceBuckets } from './replaceBuckets';
import { rollUpBuckets } from './rollUpBuckets';
import { recomputeRunningTotals, runningTotalsAt } from './runningTotals';
import { MINUTE_MS, writeMinuteBuckets } from './writeMinuteBuckets';
import { BucketRow, SloRow, toBucket, toStoredSlo } from './sloRows';
import {
  BudgetException,
  MeasurementBucket,
  RollUpOptions,
  SloStore,
  StoredSlo,
  StoredSloWithStatus,
} from './SloStore';

export { MINUTE_MS };

/**
 * The knex implementation of {@link SloStore}: definitions, SLI buckets with their running totals, statuses and budget exceptions.
 *
 * @internal
 */
/**
 * A report as saved by {@link DatabaseSloStore.saveSloStatuses}. Reports
 * saved before `suppressedAlerts` and `policyAlerts` existed lack them
 * until the next refresh; no SLO had either then, so they are filled in
 * empty.
 */
function parseStoredReport(json: string): SloStatusReport {
  const report = JSON.parse(json) as SloStatusReport;
  return {
    ...report,
    suppressedAlerts: report.suppressedAlerts ?? [],
    policyAlerts: report.policyAlerts ?? [],
  };
}

export class DatabaseSloStore implements SloStore {
  /** The store on an already migrated database (see {@link createReliabilityStores}). */
  static create(db: Knex): DatabaseSloStore {
    return new DatabaseSloStore(db);
  }

  private constructor(private readonly db: Knex) {}

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
        status: row.report ? parseStoredReport(row.report) : null,
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
        await tx('sli_pulls').whereIn('slo_id', goneIds).delete();
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
    await writeMinuteBuckets(this.db, sloId, buckets);
    return buckets.length;
  }

  async replaceBuckets(
    sloId: number,
    range: { from: number; to: number },
    buckets: SliBucket[],
  ): Promise<number> {
    return replaceBuckets(this.db, sloId, range, buckets);
  }

  async recomputeAllRunningTotals(): Promise<void> {
    await recomputeRunningTotals(this.db);
  }

  async newestBucketStart(sloId: number): Promise<number | null> {
    const row = await this.db('sli_buckets')
      .where('slo_id', sloId)
      .max({ newest: 'bucket_start' })
      .first();
    return row?.newest === null || row?.newest === undefined
      ? null
      : Number(row.newest);
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

  async rollUpBuckets(options: RollUpOptions): Promise<number> {
    return rollUpBuckets(this.db, options);
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

  async deleteApiSlo(
    entityRef: string,
    name: string,
    expectedVersion: number,
  ): Promise<boolean> {
    return this.db.transaction(async tx => {
      const row = await tx<SloRow>('slos')
        .where({ entity_ref: entityRef, name })
        .first('id');
      if (!row) return false;
      // Compare and delete in one statement: of concurrent deletes with the
      // same version exactly one removes the row.
      const deleted = await tx('slos')
        .where({ id: row.id, version: expectedVersion, source: 'api' })
        .delete();
      if (deleted === 0) {
        const current = await tx<SloRow>('slos').where({ id: row.id }).first();
        if (!current) return false;
        if (current.source === 'catalog') {
          throw new ConflictError(
            `SLO '${name}' of ${entityRef} is managed in the catalog (its OpenSLO file); remove it there`,
          );
        }
        throw new PreconditionFailedError(
          `SLO '${name}' of ${entityRef} was changed by someone else: it is at version ${current.version}, not ${expectedVersion}. Reload and try again.`,
        );
      }
      // Explicit deletes: SQLite does not enforce foreign keys by default.
      await tx('sli_buckets').where({ slo_id: row.id }).delete();
      await tx('slo_status').where({ slo_id: row.id }).delete();
      await tx('sli_pulls').where({ slo_id: row.id }).delete();
      return true;
    });
  }

  async createBudgetException(
    options: Omit<BudgetException, 'id'>,
  ): Promise<BudgetException> {
    return createBudgetException(this.db, options);
  }

  async deleteBudgetException(
    entityRef: string,
    id: string,
  ): Promise<BudgetException | undefined> {
    return deleteBudgetException(this.db, entityRef, id);
  }

  async listBudgetExceptions(
    entityRef: string,
    activeAt?: Date,
  ): Promise<BudgetException[]> {
    return listBudgetExceptions(this.db, entityRef, activeAt);
  }
}
