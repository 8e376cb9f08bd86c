import {
  OverviewFacets,
  OverviewRow,
  OverviewSloStatus,
  OwnershipGapCode,
} from '@reliability-suite/plugin-reliability-common';

/**
 * A stored entity summary: the overview row and the columns it is sorted
 * and refreshed by.
 *
 * @public
 */
export interface SummaryRecord extends OverviewRow {
  /** Position in the tier policy; 1000 without a tier. */
  tierRank: number;
  /** The rotation answering for the entity, to refresh it on change. */
  rotationId: string | null;
}

/**
 * Which rows a caller may see, translated from a permission decision.
 * `all` and `none` are the unconditional answers.
 *
 * @public
 */
export type SummaryVisibility =
  | { all: true }
  | { none: true }
  | { kinds: string[] }
  | { owners: string[] }
  | { allOf: SummaryVisibility[] }
  | { anyOf: SummaryVisibility[] }
  | { not: SummaryVisibility };

/**
 * Filters of an overview query, already resolved (owners include child
 * groups when asked). Absent or empty lists do not filter.
 *
 * @public
 */
export interface SummaryFilters {
  owners?: string[];
  tiers?: string[];
  kinds?: string[];
  lifecycles?: string[];
  systems?: string[];
  gaps?: OwnershipGapCode[];
  statuses?: OverviewSloStatus[];
  readiness?: Array<'ready' | 'not-ready'>;
  text?: string;
}

/** @public */
export interface SummaryPageQuery {
  filters: SummaryFilters;
  visibility: SummaryVisibility;
  sort: { key: string; descending: boolean };
  limit: number;
  /** The last row of the previous page: its sort value and entity ref. */
  after?: { value: string | number | null; entityRef: string };
  /** Tier ids of the policy, the keys of the tier facet (besides none). */
  tierIds: string[];
  /** Whether to count facets (a CSV export does not need them). */
  withFacets: boolean;
}

/** @public */
export interface SummaryPage {
  items: SummaryRecord[];
  totalCount: number;
  facets?: OverviewFacets;
  /** The sort value of the last row, for the next page's cursor. */
  lastSortValue?: string | number | null;
  hasMore: boolean;
}

/** An entity's SLOs as the status table has them. @public */
export interface SloAggregate {
  entityRef: string;
  sloCount: number;
  worstStatus: OverviewSloStatus;
  lowestBudget: number | null;
}

/**
 * The per-entity summaries behind the overview.
 *
 * @public
 */
export interface EntitySummaryStore {
  /** Inserts or replaces rows by entity ref. */
  upsertSummaries(rows: SummaryRecord[]): Promise<void>;
  deleteSummaries(entityRefs: string[]): Promise<void>;
  getSummaries(entityRefs: string[]): Promise<SummaryRecord[]>;
  listSummaryRefs(): Promise<string[]>;
  /** Refs of the rows owned by these owners or answered by these rotations. */
  summaryRefsFor(options: {
    owners?: string[];
    rotationIds?: string[];
  }): Promise<string[]>;
  querySummaries(query: SummaryPageQuery): Promise<SummaryPage>;
  /**
   * Per entity with SLOs (or just the one given): count, worst stored
   * status, lowest budget.
   */
  sloAggregates(entityRef?: string): Promise<SloAggregate[]>;
  /** Sets the lowest budget remaining of rows whose other facts hold. */
  updateBudgets(
    budgets: Array<{ entityRef: string; budgetRemaining: number | null }>,
  ): Promise<void>;
}
