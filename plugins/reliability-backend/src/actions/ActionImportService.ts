import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { JsonObject } from '@backstage/types';
import { z } from 'zod/v3';
import { ReliabilityStores } from '../database/ReliabilityStores';
import { PayloadTooLargeError } from '../errors/PayloadTooLargeError';
import { DateRules } from '../request/DateRules';
import { parseCsv } from '../incidents/parseCsv';
import {
  actionImportJsonBodySchema,
  ActionImportRow,
  actionImportRowSchema,
} from '../request/actionSchemas';
import { parseInput } from '../request/parseInput';
import { SummaryRefresher } from '../refresh/SummaryRefresher';

/** Most rows one import may hold. */
export const MAX_IMPORT_ROWS = 1000;

/** What is wrong with one row (1-based) of an import. */
export interface ActionImportError {
  row: number;
  field: string;
  message: string;
}

/**
 * What an import did, or would do on a dry run: rows created, rows skipped
 * (an action with the same entity and title exists) and the errors.
 */
export interface ActionImportSummary {
  dryRun: boolean;
  total: number;
  create: number;
  skip: number;
  errors: ActionImportError[];
}

/** Who imports. */
export interface ActionImportCaller {
  /** Read the catalog with these. */
  credentials: BackstageCredentials;
  /**
   * Throws NotAllowedError unless the caller may manage the actions of
   * every one of these entities.
   */
  authorize(entityRefs: string[]): Promise<void>;
}

/** Runs the import's write, e.g. inside an audit event with `meta`. */
export type ImportWriteWrapper = (
  meta: JsonObject,
  write: () => Promise<void>,
) => Promise<void>;

interface ImportPlan {
  summary: Omit<ActionImportSummary, 'dryRun'>;
  toCreate: Array<ActionImportRow & { row: number }>;
}

/**
 * Imports a backlog of actions from a spreadsheet (CSV text with a header
 * row) or a tracker export (JSON `{ actions: [...] }`). A dry run reports
 * what would be created, skipped or refused and writes nothing; a real run
 * writes every row in one transaction, or none if any row is invalid.
 *
 * @internal
 */
export class ActionImportService {
  private readonly now: () => Date;

  constructor(
    private readonly options: {
      stores: Pick<ReliabilityStores, 'actions'>;
      catalog: CatalogService;
      refresher: Pick<SummaryRefresher, 'entitiesChanged'>;
      /** The clock; creation dates in the past, due dates within the horizon. */
      dates: DateRules;
    },
  ) {
    this.now = () => options.dates.now();
  }

  /**
   * What importing `body` (CSV text, or JSON) would do; writes nothing.
   *
   * @throws InputError (400) for a body that is neither
   * @throws PayloadTooLargeError (413) over {@link MAX_IMPORT_ROWS} rows
   * @throws NotAllowedError (403) when `caller.authorize` refuses
   */
  async dryRun(
    body: unknown,
    caller: ActionImportCaller,
  ): Promise<ActionImportSummary> {
    const { summary } = await this.plan(body, caller);
    return { dryRun: true, ...summary };
  }

  /**
   * Imports `body`: all rows or, if any row is invalid, none. `wrapWrite`
   * runs the write (only reached when every row is valid).
   *
   * @throws InputError (400) naming the first ten row errors
   */
  async run(
    body: unknown,
    caller: ActionImportCaller,
    actor: string,
    wrapWrite: ImportWriteWrapper = (_meta, write) => write(),
  ): Promise<ActionImportSummary> {
    const { summary, toCreate } = await this.plan(body, caller);
    const { errors } = summary;
    if (errors.length > 0) {
      throw new InputError(
        `Nothing imported: ${errors
          .slice(0, 10)
          .map(e => `row ${e.row} '${e.field}': ${e.message}`)
          .join('; ')}${
          errors.length > 10 ? ` (and ${errors.length - 10} more)` : ''
        }`,
      );
    }
    await wrapWrite(
      { rows: summary.total, create: toCreate.length },
      async () => {
        await this.options.stores.actions.importActions(
          toCreate.map(r => ({
            title: r.title,
            entityRef: r.entityRef,
            owner: r.owner,
            priority: r.priority,
            dueDate: r.dueDate,
            status: r.status,
            ticketUrl: r.ticketUrl ?? null,
            incidentId: null,
            createdAt: r.createdAt ? new Date(r.createdAt) : this.now(),
          })),
          actor,
          this.now(),
        );
        await this.options.refresher.entitiesChanged(
          toCreate.map(r => r.entityRef),
        );
      },
    );
    return { dryRun: false, ...summary };
  }

  private async plan(
    body: unknown,
    caller: ActionImportCaller,
  ): Promise<ImportPlan> {
    const raw = rowsOf(body);
    const { rows, errors } = this.validRows(raw);
    const entityRefs = [...new Set(rows.map(r => r.entityRef))];
    if (entityRefs.length > 0) {
      await caller.authorize(entityRefs);
      errors.push(...(await this.catalogErrors(rows, caller.credentials)));
    }
    const existing = await this.options.stores.actions.existingActionKeys(
      entityRefs,
    );
    const toCreate = rows.filter(
      r => !existing.has(`${r.entityRef}\t${r.title}`),
    );
    return {
      summary: {
        total: raw.length,
        create: toCreate.length,
        skip: rows.length - toCreate.length,
        errors: errors.sort((a, b) => a.row - b.row),
      },
      toCreate,
    };
  }

  /** The rows that parse, and an error for each issue of those that do not. */
  private validRows(raw: unknown[]) {
    const errors: ActionImportError[] = [];
    const rows: Array<ActionImportRow & { row: number }> = [];
    const rowSchema = actionImportRowSchema(this.options.dates);
    raw.forEach((value, index) => {
      const result = rowSchema.safeParse(value);
      if (!result.success) {
        for (const issue of result.error.issues) {
          const unknownColumn = issue.code === z.ZodIssueCode.unrecognized_keys;
          errors.push({
            row: index + 1,
            field: unknownColumn ? issue.keys.join(', ') : issue.path.join('.'),
            message: unknownColumn ? 'unknown column' : issue.message,
          });
        }
        return;
      }
      const createdDate = (
        result.data.createdAt ?? this.now().toISOString()
      ).slice(0, 10);
      if (result.data.dueDate < createdDate) {
        errors.push({
          row: index + 1,
          field: 'dueDate',
          message: `${result.data.dueDate} is before the action's creation (${createdDate})`,
        });
        return;
      }
      rows.push({ ...result.data, row: index + 1 });
    });
    return { rows, errors };
  }

  /** An error for each entity or owner the caller cannot see in the catalog. */
  private async catalogErrors(
    rows: Array<ActionImportRow & { row: number }>,
    credentials: BackstageCredentials,
  ): Promise<ActionImportError[]> {
    const refs = [
      ...new Set([...rows.map(r => r.entityRef), ...rows.map(r => r.owner)]),
    ];
    const { items } = await this.options.catalog.getEntitiesByRefs(
      { entityRefs: refs, fields: ['kind'] },
      { credentials },
    );
    const known = new Set(refs.filter((_r, i) => items[i]));
    return rows.flatMap(row => [
      ...(known.has(row.entityRef)
        ? []
        : [
            {
              row: row.row,
              field: 'entityRef',
              message: `${row.entityRef} is not in the catalog`,
            },
          ]),
      ...(known.has(row.owner)
        ? []
        : [
            {
              row: row.row,
              field: 'owner',
              message: `${row.owner} is not in the catalog`,
            },
          ]),
    ]);
  }
}

/** The rows of CSV text, or of a JSON body's `actions`. */
function rowsOf(body: unknown): unknown[] {
  let raw: unknown[];
  if (typeof body === 'string') {
    try {
      raw = parseCsv(body);
    } catch (e) {
      throw new InputError(`Invalid request body: ${(e as Error).message}`);
    }
  } else {
    raw = parseInput(actionImportJsonBodySchema, body, 'request body').actions;
  }
  if (raw.length > MAX_IMPORT_ROWS) {
    throw new PayloadTooLargeError(
      `An import holds at most ${MAX_IMPORT_ROWS} actions; this one has ${raw.length}`,
    );
  }
  return raw;
}
