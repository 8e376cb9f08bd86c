import {
  OVERVIEW_SORT_KEYS,
  OverviewFacets,
  OverviewSloStatus,
  OWNERSHIP_GAP_CODES,
  OwnershipGapCode,
  SLO_STATUS_SEVERITY,
} from '@reliability-suite/plugin-reliability-common';
import { Knex } from 'knex';
import {
  EntitySummaryStore,
  SloAggregate,
  SummaryFilters,
  SummaryPage,
  SummaryPageQuery,
  SummaryRecord,
  SummaryVisibility,
} from './EntitySummaryStore';
import { toDate } from '../toDate';
import { upsertRows } from '../upsertRows';

const TABLE = 'entity_summaries';
// 25 columns per row: 200 rows stay far below SQLite's bound-parameter cap.
const CHUNK_SIZE = 200;

/** SLO statuses worst first, then "no SLO": the `slo_rank` column. */
export const OVERVIEW_STATUS_ORDER: readonly OverviewSloStatus[] = [
  ...SLO_STATUS_SEVERITY,
  'none',
];

type SummaryRow = {
  entity_ref: string;
  kind: string;
  namespace: string;
  name: string;
  title: string | null;
  tier: string | null;
  tier_rank: number;
  owner: string | null;
  system: string | null;
  lifecycle: string | null;
  rotation_id: string | null;
  slo_count: number;
  slo_status: OverviewSloStatus;
  slo_rank: number;
  budget_remaining: number | null;
  on_call_now: string | null;
  open_actions: number;
  overdue_actions: number;
  readiness_score: number;
  ready: boolean | number;
  review_state: SummaryRecord['reviewState'];
  gap_mask: number;
  updated_at: Date | string | number;
};

const COLUMNS: Array<keyof SummaryRow> = [
  'entity_ref',
  'kind',
  'namespace',
  'name',
  'title',
  'tier',
  'tier_rank',
  'owner',
  'system',
  'lifecycle',
  'rotation_id',
  'slo_count',
  'slo_status',
  'slo_rank',
  'budget_remaining',
  'on_call_now',
  'open_actions',
  'overdue_actions',
  'readiness_score',
  'ready',
  'review_state',
  'gap_mask',
  'updated_at',
];

/**
 * The SQL each sort key orders by. Nullable columns are coalesced so that
 * the keyset comparison of a cursor is always defined.
 */
const SORT_EXPRESSIONS: Record<(typeof OVERVIEW_SORT_KEYS)[number], string> = {
  name: 'name',
  tier: 'tier_rank',
  owner: "coalesce(owner, '')",
  status: 'slo_rank',
  // No data sorts after every budget.
  budget: 'coalesce(budget_remaining, 1e15)',
  readiness: 'readiness_score',
  overdue: 'overdue_actions',
};

export function gapMaskOf(gaps: OwnershipGapCode[]): number {
  return gaps.reduce(
    (mask, code) => mask | (1 << OWNERSHIP_GAP_CODES.indexOf(code)),
    0,
  );
}

function gapsOf(mask: number): OwnershipGapCode[] {
  return OWNERSHIP_GAP_CODES.filter((_, bit) => (mask & (1 << bit)) !== 0);
}

function toRow(record: SummaryRecord): unknown[] {
  const row: SummaryRow = {
    entity_ref: record.entityRef,
    kind: record.kind,
    namespace: record.namespace,
    name: record.name,
    title: record.title,
    tier: record.tier,
    tier_rank: record.tierRank,
    owner: record.owner,
    system: record.system,
    lifecycle: record.lifecycle,
    rotation_id: record.rotationId,
    slo_count: record.sloCount,
    slo_status: record.sloStatus,
    slo_rank: OVERVIEW_STATUS_ORDER.indexOf(record.sloStatus),
    budget_remaining: record.budgetRemaining,
    on_call_now: record.onCallNow,
    open_actions: record.openActions,
    overdue_actions: record.overdueActions,
    readiness_score: record.readinessScore,
    // 1/0 binds as a boolean on PostgreSQL and as an integer on SQLite.
    ready: record.ready ? 1 : 0,
    review_state: record.reviewState,
    gap_mask: gapMaskOf(record.gaps),
    updated_at: new Date(record.updatedAt),
  };
  return COLUMNS.map(column => row[column]);
}

function fromRow(row: SummaryRow): SummaryRecord {
  return {
    entityRef: row.entity_ref,
    kind: row.kind,
    namespace: row.namespace,
    name: row.name,
    title: row.title,
    tier: row.tier,
    tierRank: Number(row.tier_rank),
    owner: row.owner,
    system: row.system,
    lifecycle: row.lifecycle,
    rotationId: row.rotation_id,
    sloCount: Number(row.slo_count),
    sloStatus: row.slo_status,
    budgetRemaining:
      row.budget_remaining === null ? null : Number(row.budget_remaining),
    onCallNow: row.on_call_now,
    openActions: Number(row.open_actions),
    overdueActions: Number(row.overdue_actions),
    readinessScore: Number(row.readiness_score),
    ready: Boolean(row.ready),
    reviewState: row.review_state,
    gaps: gapsOf(Number(row.gap_mask)),
    updatedAt: toDate(row.updated_at).toISOString(),
  };
}

function applyVisibility(qb: Knex.QueryBuilder, visibility: SummaryVisibility) {
  if ('all' in visibility) return;
  if ('none' in visibility) {
    qb.whereRaw('1 = 0');
  } else if ('kinds' in visibility) {
    qb.whereIn(
      'kind',
      visibility.kinds.map(k => k.toLocaleLowerCase('en-US')),
    );
  } else if ('owners' in visibility) {
    qb.whereIn(
      'owner',
      visibility.owners.map(o => o.toLocaleLowerCase('en-US')),
    );
  } else if ('allOf' in visibility) {
    for (const child of visibility.allOf) {
      qb.where(sub => applyVisibility(sub, child));
    }
  } else if ('anyOf' in visibility) {
    if (visibility.anyOf.length === 0) {
      qb.whereRaw('1 = 0');
      return;
    }
    qb.where(any => {
      for (const child of visibility.anyOf) {
        any.orWhere(sub => applyVisibility(sub, child));
      }
    });
  } else {
    const { not } = visibility;
    qb.whereNot(sub => applyVisibility(sub, not));
  }
}

type FacetName = keyof OverviewFacets;

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, c => `\\${c}`);
}

/** Applies every filter but the one of `except`. */
function applyFilters(
  qb: Knex.QueryBuilder,
  filters: SummaryFilters,
  except?: FacetName,
) {
  const list = <T>(values: T[] | undefined) =>
    values && values.length > 0 ? values : undefined;
  const owners = list(filters.owners);
  if (owners) qb.whereIn('owner', owners);
  const kinds = list(filters.kinds);
  if (kinds) qb.whereIn('kind', kinds);
  const lifecycles = list(filters.lifecycles);
  if (lifecycles) qb.whereIn('lifecycle', lifecycles);
  const systems = list(filters.systems);
  if (systems) qb.whereIn('system', systems);
  const tiers = list(filters.tiers);
  if (tiers && except !== 'tier') {
    qb.where(sub => {
      sub.whereIn(
        'tier',
        tiers.filter(t => t !== 'none'),
      );
      if (tiers.includes('none')) sub.orWhereNull('tier');
    });
  }
  const statuses = list(filters.statuses);
  if (statuses && except !== 'status') qb.whereIn('slo_status', statuses);
  const gaps = list(filters.gaps);
  if (gaps && except !== 'gap') {
    qb.whereRaw('(gap_mask & ?) <> 0', [gapMaskOf(gaps)]);
  }
  const readiness = list(filters.readiness);
  if (readiness && readiness.length === 1 && except !== 'readiness') {
    qb.where('ready', readiness[0] === 'ready' ? 1 : 0);
  }
  if (filters.text) {
    const pattern = `%${escapeLike(filters.text.toLocaleLowerCase('en-US'))}%`;
    qb.where(sub =>
      sub
        .whereRaw("lower(name) like ? escape '\\'", [pattern])
        .orWhereRaw("lower(coalesce(title, '')) like ? escape '\\'", [pattern]),
    );
  }
}

function isFiltered(filters: SummaryFilters, facet: FacetName): boolean {
  const values = {
    tier: filters.tiers,
    gap: filters.gaps,
    status: filters.statuses,
    readiness: filters.readiness,
  }[facet];
  return Boolean(values && values.length > 0);
}

/** `SUM(CASE WHEN … THEN 1 ELSE 0 END)` per facet value, with its key. */
function facetSums(
  facet: FacetName,
  tierIds: string[],
): Array<{ key: string; sql: string; bindings: Knex.RawBinding[] }> {
  const sum = (condition: string) =>
    `sum(case when ${condition} then 1 else 0 end)`;
  switch (facet) {
    case 'tier':
      return [
        ...tierIds.map(id => ({
          key: id,
          sql: sum('tier = ?'),
          bindings: [id],
        })),
        { key: 'none', sql: sum('tier is null'), bindings: [] },
      ];
    case 'gap':
      return OWNERSHIP_GAP_CODES.map((code, bit) => ({
        key: code,
        sql: sum('(gap_mask & ?) <> 0'),
        bindings: [1 << bit],
      }));
    case 'status':
      return OVERVIEW_STATUS_ORDER.map(status => ({
        key: status,
        sql: sum('slo_status = ?'),
        bindings: [status],
      }));
    default:
      return [
        { key: 'ready', sql: sum('ready = ?'), bindings: [1] },
        { key: 'not-ready', sql: sum('ready = ?'), bindings: [0] },
      ];
  }
}

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
