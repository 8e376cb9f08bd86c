import { OwnershipGapCode } from '../oncall/ownershipGaps';
import { SloStatusName } from '../slo/SloDefinition';

/**
 * Every ownership gap code, in the order the overview shows them. The
 * position is also the gap's bit in the stored summary's gap mask, so new
 * codes go at the end.
 *
 * @internal
 */
export const OWNERSHIP_GAP_CODES: readonly OwnershipGapCode[] = [
  'no-owner',
  'owner-not-found',
  'owner-group-empty',
  'no-rotation',
  'nobody-on-call',
  'single-person-rotation',
  'no-tier',
  'slo-required',
  'overdue-postmortem',
  'overdue-actions',
];

/**
 * Short titles of the gap codes, for chips and filters.
 *
 * @internal
 */
export const OWNERSHIP_GAP_TITLES: Record<OwnershipGapCode, string> = {
  'no-owner': 'No owner',
  'owner-not-found': 'Owner not found',
  'owner-group-empty': 'Owner group empty',
  'no-rotation': 'No on-call rotation',
  'nobody-on-call': 'Nobody on call',
  'single-person-rotation': 'Single-person rotation',
  'no-tier': 'No tier',
  'slo-required': 'Required SLO missing',
  'overdue-postmortem': 'Overdue postmortem',
  'overdue-actions': 'Overdue actions',
};

/**
 * An entity's SLO status in the overview: its worst SLO's, or `none` when
 * it has no SLO.
 *
 * @public
 */
export type OverviewSloStatus = SloStatusName | 'none';

/**
 * The kinds of catalog entity that carry a tier and that the overview
 * lists: the things that run and fail.
 *
 * @internal
 */
export const OVERVIEW_KINDS: readonly string[] = [
  'Component',
  'System',
  'Resource',
  'API',
];

/**
 * Sort keys of `GET /v1/overview`; a leading `-` sorts descending. Ties
 * are broken by entity ref, so the order is total and pages are stable.
 *
 * @public
 */
export const OVERVIEW_SORT_KEYS = [
  'name',
  'tier',
  'owner',
  'status',
  'budget',
  'readiness',
  'overdue',
] as const;

/** @public */
export type OverviewSortKey = (typeof OVERVIEW_SORT_KEYS)[number];

/**
 * One entity in the overview: the summary kept up to date as its inputs
 * change.
 *
 * @public
 */
export interface OverviewRow {
  entityRef: string;
  kind: string;
  namespace: string;
  name: string;
  title: string | null;
  /** Tier id, null when the entity has none (or an unknown one). */
  tier: string | null;
  owner: string | null;
  system: string | null;
  lifecycle: string | null;
  sloCount: number;
  sloStatus: OverviewSloStatus;
  /** Lowest error budget remaining over its SLOs; null without data. */
  budgetRemaining: number | null;
  /** Who is on call on level 1 now. */
  onCallNow: string | null;
  openActions: number;
  overdueActions: number;
  readinessScore: number;
  ready: boolean;
  reviewState: 'requested' | 'approved' | 'rejected' | 'lapsed' | null;
  gaps: OwnershipGapCode[];
  /** When the row was last computed (ISO-8601). */
  updatedAt: string;
}

/**
 * Counts by facet over the rows the caller may see. Each facet applies
 * every filter but its own, so its chips show what choosing another value
 * would give. Keys: tier ids and `none`; gap codes; SLO statuses and
 * `none`; `ready` and `not-ready`.
 *
 * @public
 */
export interface OverviewFacets {
  tier: Record<string, number>;
  gap: Record<string, number>;
  status: Record<string, number>;
  readiness: Record<'ready' | 'not-ready', number>;
}

/**
 * `GET /v1/overview`.
 *
 * @public
 */
export interface OverviewResponse {
  items: OverviewRow[];
  /** Rows matching every filter. */
  totalCount: number;
  facets: OverviewFacets;
  /** Pass as `cursor` for the next page; absent on the last page. */
  nextCursor?: string;
}

/**
 * The query of `GET /v1/overview` and `GET /v1/overview.csv`. List values
 * match any of their values; different parameters must all match.
 *
 * @public
 */
export interface OverviewQuery {
  owner?: string[];
  /** Owner filters include the owners' child groups at any depth. */
  includeChildGroups?: boolean;
  tier?: string[];
  kind?: string[];
  lifecycle?: string[];
  system?: string[];
  gap?: OwnershipGapCode[];
  status?: OverviewSloStatus[];
  readiness?: Array<'ready' | 'not-ready'>;
  /** Free text matched against name and title. */
  q?: string;
  sort?: OverviewSortKey | `-${OverviewSortKey}`;
  limit?: number;
  cursor?: string;
}
