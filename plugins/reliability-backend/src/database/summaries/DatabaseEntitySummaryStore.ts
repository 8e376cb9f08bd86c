import {
  OverviewFacets,
  OverviewSloStatus,
} from '@reliability-suite/plugin-reliability-common';
import { Knex } from 'knex';
import {
  EntitySummaryStore,
  SloAggregate,
  SummaryPage,
  SummaryPageQuery,
  SummaryRecord,
} from './EntitySummaryStore';
import { upsertRows } from '../upsertRows';

import {
  TABLE,
  CHUNK_SIZE,
  OVERVIEW_STATUS_ORDER,
  SummaryRow,
  COLUMNS,
  SORT_EXPRESSIONS,
  toRow,
  fromRow,
} from './summaryRows';
import {
  applyVisibility,
  FacetName,
  applyFilters,
  isFiltered,
  facetSums,
} from './summaryQueries';

/**
 * The overview's summaries on knex (SQLite and PostgreSQL). A page and its
 * counts take two statements when no facet is filtered, and one more per
 * filtered facet (a facet's counts ignore its own filter).
 *
 * @public
 */
export class DatabaseEntitySummaryStore implements EntitySummaryStore {
  /** The store on an already migrated database (see {@link createReliabilityStores}). */
  static create(db: Knex): DatabaseEntitySummaryStore {
    return new DatabaseEntitySummaryStore(db);
  }

  private constructor(private readonly db: Knex) {}

  async upsertSummaries(records: SummaryRecord[]): Promise<void> {
    const columns = COLUMNS as string[];
    await this.db.transaction(async tx => {
      for (let i = 0; i < records.length; i += CHUNK_SIZE) {
        await upsertRows(
          tx,
          TABLE,
          columns,
          records.slice(i, i + CHUNK_SIZE).map(toRow),
          ['entity_ref'],
          columns.filter(c => c !== 'entity_ref'),
        );
      }
    });
  }

  async deleteSummaries(entityRefs: string[]): Promise<void> {
    for (let i = 0; i < entityRefs.length; i += 500) {
      await this.db(TABLE)
        .whereIn('entity_ref', entityRefs.slice(i, i + 500))
        .delete();
    }
  }

  async getSummaries(entityRefs: string[]): Promise<SummaryRecord[]> {
    const rows: SummaryRow[] = [];
    for (let i = 0; i < entityRefs.length; i += 500) {
      rows.push(
        ...(await this.db<SummaryRow>(TABLE).whereIn(
          'entity_ref',
          entityRefs.slice(i, i + 500),
        )),
      );
    }
    return rows.map(fromRow);
  }

  async listSummaryRefs(): Promise<string[]> {
    const rows = await this.db<SummaryRow>(TABLE).select('entity_ref');
    return rows.map(r => r.entity_ref);
  }

  async summaryRefsFor(options: {
    owners?: string[];
    rotationIds?: string[];
  }): Promise<string[]> {
    const rows = await this.db<SummaryRow>(TABLE)
      .select('entity_ref')
      .whereIn('owner', options.owners ?? [])
      .orWhereIn('rotation_id', options.rotationIds ?? []);
    return rows.map(r => r.entity_ref);
  }

  async querySummaries(query: SummaryPageQuery): Promise<SummaryPage> {
    const expression =
      SORT_EXPRESSIONS[query.sort.key as keyof typeof SORT_EXPRESSIONS];
    if (!expression) {
      throw new Error(`Unknown sort key '${query.sort.key}'`);
    }
    const direction = query.sort.descending ? 'desc' : 'asc';
    const compare = query.sort.descending ? '<' : '>';
    const scoped = (except?: FacetName) =>
      this.db(TABLE).where(qb => {
        applyVisibility(qb, query.visibility);
        applyFilters(qb, query.filters, except);
      });

    const page = scoped()
      .select('*', this.db.raw(`${expression} as sort_value`))
      .orderByRaw(`${expression} ${direction}, entity_ref ${direction}`)
      .limit(query.limit + 1);
    if (query.after) {
      const { value, entityRef } = query.after;
      page.where(qb =>
        qb
          .whereRaw(`${expression} ${compare} ?`, [value])
          .orWhere(tie =>
            tie
              .whereRaw(`${expression} = ?`, [value])
              .andWhere('entity_ref', compare, entityRef),
          ),
      );
    }

    // The unfiltered facets share the statement that counts the total.
    const facets: FacetName[] = ['tier', 'gap', 'status', 'readiness'];
    const shared = query.withFacets
      ? facets.filter(f => !isFiltered(query.filters, f))
      : [];
    const own = query.withFacets
      ? facets.filter(f => isFiltered(query.filters, f))
      : [];
    const aggregate = (except: FacetName | undefined, names: FacetName[]) => {
      const sums = names.flatMap(name =>
        facetSums(name, query.tierIds).map((s, i) => ({
          ...s,
          alias: `${name}_${i}`,
          name,
        })),
      );
      const select = [
        'count(*) as total',
        ...sums.map(s => `${s.sql} as ${s.alias}`),
      ].join(', ');
      return scoped(except)
        .select(
          this.db.raw(
            select,
            sums.flatMap(s => s.bindings),
          ),
        )
        .first()
        .then(row => ({ row: row as Record<string, unknown>, sums }));
    };

    const [rows, totals, ...ownCounts] = await Promise.all([
      page as Promise<Array<SummaryRow & { sort_value: string | number }>>,
      aggregate(undefined, shared),
      ...own.map(name => aggregate(name, [name])),
    ]);

    let facetCounts: OverviewFacets | undefined;
    if (query.withFacets) {
      facetCounts = { tier: {}, gap: {}, status: {}, readiness: {} } as any;
      for (const { row, sums } of [totals, ...ownCounts]) {
        for (const s of sums) {
          (facetCounts![s.name] as Record<string, number>)[s.key] = Number(
            row[s.alias] ?? 0,
          );
        }
      }
    }
    const hasMore = rows.length > query.limit;
    const items = rows.slice(0, query.limit);
    const last = items[items.length - 1];
    return {
      items: items.map(fromRow),
      totalCount: Number(totals.row.total),
      ...(facetCounts ? { facets: facetCounts } : {}),
      ...(last ? { lastSortValue: last.sort_value } : {}),
      hasMore,
    };
  }

  async sloAggregates(entityRef?: string): Promise<SloAggregate[]> {
    const query = this.db('slos')
      .leftJoin('slo_status', 'slo_status.slo_id', 'slos.id')
      .select(
        'slos.entity_ref as entity_ref',
        'slo_status.status as status',
        'slo_status.budget_remaining as budget_remaining',
      );
    if (entityRef) query.where('slos.entity_ref', entityRef);
    const rows = await query;
    const byEntity = new Map<string, SloAggregate>();
    for (const row of rows as Array<{
      entity_ref: string;
      status: string | null;
      budget_remaining: number | null;
    }>) {
      const status = (row.status ?? 'no-data') as OverviewSloStatus;
      const budget =
        row.budget_remaining === null ? null : Number(row.budget_remaining);
      const current = byEntity.get(row.entity_ref);
      if (!current) {
        byEntity.set(row.entity_ref, {
          entityRef: row.entity_ref,
          sloCount: 1,
          worstStatus: status,
          lowestBudget: budget,
        });
        continue;
      }
      current.sloCount += 1;
      if (
        OVERVIEW_STATUS_ORDER.indexOf(status) <
        OVERVIEW_STATUS_ORDER.indexOf(current.worstStatus)
      ) {
        current.worstStatus = status;
      }
      if (
        budget !== null &&
        (current.lowestBudget === null || budget < current.lowestBudget)
      ) {
        current.lowestBudget = budget;
      }
    }
    return [...byEntity.values()];
  }

  async updateBudgets(
    budgets: Array<{ entityRef: string; budgetRemaining: number | null }>,
  ): Promise<void> {
    await this.db.transaction(async tx => {
      for (const { entityRef, budgetRemaining } of budgets) {
        await tx(TABLE)
          .where('entity_ref', entityRef)
          .update({ budget_remaining: budgetRemaining });
      }
    });
  }
}
