import { ConflictError, InputError, NotFoundError } from '@backstage/errors';
import {
  BudgetExceptionResponse,
  SloDefinition,
  SloHistoryResponse,
  SloListResponse,
  SloPullInfo,
  SloStatusReport,
} from '@reliability-suite/plugin-reliability-common';
import { MINUTE_MS } from '../database/slos/DatabaseSloStore';
import {
  MeasurementBucket,
  SloStore,
  StoredSlo,
} from '../database/slos/SloStore';
import { SummaryRefresher } from '../refresh/SummaryRefresher';
import { DAY_MS, HOUR_MS } from './historyBuckets';
import { SloService } from './SloService';
import { countMeasurements, IncomingMeasurement } from './countMeasurements';
import { toBudgetExceptionResponse } from './toBudgetExceptionResponse';

/** The most points one history load takes: 180 days of minutes. */
const MAX_HISTORY_POINTS = 180 * 24 * 60;

/** The longest budget exception. */
const MAX_EXCEPTION_MS = 30 * 24 * 3_600_000;

/**
 * An entity's SLOs and budget exceptions as the API reads and writes them:
 * API-managed definitions, measurement ingest and exceptions, each write
 * followed by the status and summary refreshes it calls for. The status
 * math stays in {@link SloService}.
 *
 * @internal
 */
export class SloDefinitionService {
  constructor(
    private readonly options: {
      store: SloStore;
      sloService: Pick<
        SloService,
        | 'ingest'
        | 'replaceHistory'
        | 'refreshStatus'
        | 'rollUp'
        | 'maxFutureSkewMs'
        | 'dayRetentionMs'
      >;
      refresher: Pick<
        SummaryRefresher,
        'entitiesChanged' | 'sloStatusesChanged'
      >;
      /** Pulled SLOs' provider state, by SLO id (none without providers). */
      pullInfo?: (slos: StoredSlo[]) => Promise<Map<number, SloPullInfo>>;
    },
  ) {}

  /** The entity's SLOs with their last computed status. */
  async listSlos(entityRef: string): Promise<SloListResponse> {
    const slos = await this.options.store.listSlos(entityRef);
    const pulls = (await this.options.pullInfo?.(slos)) ?? new Map();
    return {
      items: slos.map(slo => ({
        name: slo.name,
        ...(slo.definition.displayName
          ? { displayName: slo.definition.displayName }
          : {}),
        ...(slo.definition.description
          ? { description: slo.definition.description }
          : {}),
        source: slo.source,
        version: slo.version,
        definition: slo.definition,
        status: slo.status,
        ...(pulls.has(slo.id) ? { pull: pulls.get(slo.id) } : {}),
      })),
    };
  }

  /** @throws NotFoundError when the entity has no SLO of that name */
  async getSlo(entityRef: string, name: string): Promise<StoredSlo> {
    const slo = await this.options.store.getSlo(entityRef, name);
    if (!slo) {
      throw new NotFoundError(`No SLO '${name}' for ${entityRef}`);
    }
    return slo;
  }

  /**
   * Creates or replaces an API-managed SLO (see `SloStore.putApiSlo` for
   * the version rules), and computes its status.
   */
  async putApiSlo(input: {
    entityRef: string;
    definition: SloDefinition;
    expectedVersion?: number;
    actor: string;
    at: Date;
  }): Promise<{ slo: StoredSlo; created: boolean; status: SloStatusReport }> {
    const { slo, created } = await this.options.store.putApiSlo(input);
    const status = await this.options.sloService.refreshStatus(slo, input.at);
    await this.options.refresher.entitiesChanged([input.entityRef]);
    return { slo, created, status };
  }

  /**
   * Deletes an API-managed SLO with its measurements when
   * `expectedVersion` is current, then refreshes the entity's summary.
   *
   * @throws ConflictError (409) for an SLO from the catalog
   * @throws NotFoundError (404) when it is gone already
   * @throws PreconditionFailedError (412) when the version is stale
   */
  async deleteApiSlo(slo: StoredSlo, expectedVersion: number): Promise<void> {
    const deleted = await this.options.store.deleteApiSlo(
      slo.entityRef,
      slo.name,
      expectedVersion,
    );
    if (!deleted) {
      throw new NotFoundError(`No SLO '${slo.name}' for ${slo.entityRef}`);
    }
    await this.options.refresher.entitiesChanged([slo.entityRef]);
  }

  /** See {@link SloService.ingest}; then the entity's SLO columns. */
  async ingest(
    slo: StoredSlo,
    measurements: IncomingMeasurement[],
    at: Date,
  ): Promise<{ points: number; buckets: number; status: SloStatusReport }> {
    const result = await this.options.sloService.ingest(slo, measurements, at);
    await this.options.refresher.sloStatusesChanged(slo.entityRef);
    return result;
  }

  /** See {@link SloService.replaceHistory}; then the entity's SLO columns. */
  async replaceHistory(
    slo: StoredSlo,
    input: { from: string; to: string; points: IncomingMeasurement[] },
    at: Date,
  ): Promise<SloHistoryResponse> {
    const result = await this.options.sloService.replaceHistory(slo, input, at);
    await this.options.refresher.sloStatusesChanged(slo.entityRef);
    const count = (ms: number) =>
      result.buckets.filter(b => b.durationMs === ms).length;
    return {
      from: new Date(result.from).toISOString(),
      to: new Date(result.to).toISOString(),
      stored: input.points.length,
      buckets: {
        minutes: count(MINUTE_MS),
        hours: count(HOUR_MS),
        days: count(DAY_MS),
      },
      replaced: result.replaced,
      status: result.status.status,
    };
  }

  /** The start of the SLO's newest bucket, null when it has none. */
  newestBucketStart(slo: StoredSlo): Promise<number | null> {
    return this.options.store.newestBucketStart(slo.id);
  }

  /**
   * Loads the history of an SLO that has no measurements yet: the minutes
   * are stored, this SLO's are rolled up as they would have been by `now`,
   * and the status and the entity's SLO columns are refreshed. Only into
   * an empty SLO: rolled-up buckets are not merged with late minutes.
   *
   * @throws ConflictError when the SLO has measurements already
   * @throws InputError naming the first point in the future (beyond the
   *   clock skew) or older than the daily retention, or for too many points
   */
  async loadHistory(
    slo: StoredSlo,
    incoming: IncomingMeasurement[],
    now: Date,
  ): Promise<{ buckets: number }> {
    const measurements = countMeasurements(slo.definition, incoming);
    const { store, sloService, refresher } = this.options;
    if (measurements.length > MAX_HISTORY_POINTS) {
      throw new InputError(
        `Invalid history: ${measurements.length} points, at most ${MAX_HISTORY_POINTS} in one load`,
      );
    }
    const latest = now.getTime() + sloService.maxFutureSkewMs;
    const earliest = now.getTime() - sloService.dayRetentionMs;
    const buckets = new Map<number, MeasurementBucket>();
    measurements.forEach((point, index) => {
      const t = Date.parse(point.timestamp);
      if (t > latest || t < earliest) {
        throw new InputError(
          `Invalid measurement [${index}].timestamp: ${point.timestamp} is ${
            t > latest ? 'in the future' : 'older than the kept history'
          }`,
        );
      }
      const start = Math.floor(t / MINUTE_MS) * MINUTE_MS;
      const bucket = buckets.get(start) ?? { start, good: 0, total: 0 };
      bucket.good += point.good;
      bucket.total += point.total;
      buckets.set(start, bucket);
    });
    if ((await store.newestBucketStart(slo.id)) !== null) {
      throw new ConflictError(
        `SLO '${slo.name}' of ${slo.entityRef} has measurements already; history loads only into an empty SLO`,
      );
    }
    const written = await store.writeMeasurements(slo.id, [
      ...buckets.values(),
    ]);
    await sloService.rollUp(now, [slo.id]);
    await sloService.refreshStatus(slo, now);
    await refresher.sloStatusesChanged(slo.entityRef);
    return { buckets: written };
  }

  async listBudgetExceptions(
    entityRef: string,
  ): Promise<BudgetExceptionResponse[]> {
    const exceptions = await this.options.store.listBudgetExceptions(entityRef);
    return exceptions.map(toBudgetExceptionResponse);
  }

  /**
   * Revokes one of the entity's budget exceptions (the deploy gate closes
   * again if budgets are exhausted), then refreshes the entity's summary.
   *
   * @throws NotFoundError (404) when the entity has no such exception
   */
  async revokeBudgetException(
    entityRef: string,
    id: string,
  ): Promise<BudgetExceptionResponse> {
    const revoked = await this.options.store.deleteBudgetException(
      entityRef,
      id,
    );
    if (!revoked) {
      throw new NotFoundError(`No budget exception ${id} on ${entityRef}`);
    }
    await this.options.refresher.entitiesChanged([entityRef]);
    return toBudgetExceptionResponse(revoked);
  }

  /**
   * Opens the deploy gate despite exhausted budgets from `at` until
   * `expiresAt`, at most 30 days.
   *
   * @throws InputError when `expiresAt` is past or too far
   */
  async createBudgetException(input: {
    entityRef: string;
    reason: string;
    expiresAt: string;
    actor: string;
    at: Date;
  }): Promise<BudgetExceptionResponse> {
    const { at } = input;
    const endsAt = new Date(input.expiresAt);
    if (endsAt.getTime() <= at.getTime()) {
      throw new InputError(
        "Invalid request body 'expiresAt': must be in the future",
      );
    }
    if (endsAt.getTime() - at.getTime() > MAX_EXCEPTION_MS) {
      throw new InputError(
        "Invalid request body 'expiresAt': an exception lasts at most 30 days",
      );
    }
    const exception = await this.options.store.createBudgetException({
      entityRef: input.entityRef,
      reason: input.reason,
      startsAt: at,
      endsAt,
      approvedBy: input.actor,
      createdAt: at,
    });
    await this.options.refresher.entitiesChanged([input.entityRef]);
    return toBudgetExceptionResponse(exception);
  }
}
