import {
  OVERVIEW_SORT_KEYS,
  OverviewSloStatus,
  OWNERSHIP_GAP_CODES,
  OwnershipGapCode,
  SLO_STATUS_SEVERITY,
} from '@reliability-suite/plugin-reliability-common';
import { SummaryRecord } from './EntitySummaryStore';
import { toDate } from '../toDate';

/*
 * The entity_summaries table: its columns and the mapping between its rows
 * and SummaryRecord.
 */

export const TABLE = 'entity_summaries';
// 25 columns per row: 200 rows stay far below SQLite's bound-parameter cap.
export const CHUNK_SIZE = 200;

/** SLO statuses worst first, then "no SLO": the `slo_rank` column. */
export const OVERVIEW_STATUS_ORDER: readonly OverviewSloStatus[] = [
  ...SLO_STATUS_SEVERITY,
  'none',
];

export type SummaryRow = {
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

export const COLUMNS: Array<keyof SummaryRow> = [
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
export const SORT_EXPRESSIONS: Record<
  (typeof OVERVIEW_SORT_KEYS)[number],
  string
> = {
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

export function gapsOf(mask: number): OwnershipGapCode[] {
  return OWNERSHIP_GAP_CODES.filter((_, bit) => (mask & (1 << bit)) !== 0);
}

export function toRow(record: SummaryRecord): unknown[] {
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

export function fromRow(row: SummaryRow): SummaryRecord {
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
