import { InputError, NotFoundError } from '@backstage/errors';
import {
  BudgetExceptionResponse,
  SloDefinition,
  SloListResponse,
  SloStatusReport,
} from '@reliability-suite/plugin-reliability-common';
import { SloStore, StoredSlo } from '../database/slos/SloStore';
import { SummaryRefresher } from '../refresh/SummaryRefresher';
import {
  Measurement,
  SloService,
  toBudgetExceptionResponse,
} from './SloService';

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
      sloService: Pick<SloService, 'ingest' | 'refreshStatus'>;
      refresher: Pick<
        SummaryRefresher,
        'entitiesChanged' | 'sloStatusesChanged'
      >;
    },
  ) {}

  /** The entity's SLOs with their last computed status. */
  async listSlos(entityRef: string): Promise<SloListResponse> {
    const slos = await this.options.store.listSlos(entityRef);
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

  /** See {@link SloService.ingest}; then the entity's SLO columns. */
  async ingest(
    slo: StoredSlo,
    measurements: Measurement[],
    at: Date,
  ): Promise<{ points: number; buckets: number; status: SloStatusReport }> {
    const result = await this.options.sloService.ingest(slo, measurements, at);
    await this.options.refresher.sloStatusesChanged(slo.entityRef);
    return result;
  }

  async listBudgetExceptions(
    entityRef: string,
  ): Promise<BudgetExceptionResponse[]> {
    const exceptions = await this.options.store.listBudgetExceptions(entityRef);
    return exceptions.map(toBudgetExceptionResponse);
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
