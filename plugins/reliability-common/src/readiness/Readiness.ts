/**
 * The item a DR test is recorded under: an attestation with evidence (the
 * drill's report), whose date the `dr-test-within-interval` rule reads.
 *
 * @internal
 */
export const READINESS_DR_TEST_ITEM = 'dr-test';

/** @public */
export type ReadinessItemStatus =
  | 'pass'
  | 'fail'
  | 'attested'
  | 'waived'
  | 'expired'
  | 'unknown';

/**
 * One item of a tier's production-readiness template: automatic (a rule
 * over facts the suite has) or manual (a person attests, with evidence).
 *
 * @internal
 */
export interface ReadinessItem {
  id: string;
  title: string;
  description: string;
  category: string;
  level: 'required' | 'recommended';
  /** Automatic items: the rule id and its options. */
  rule?: { id: string; options?: Record<string, unknown> };
  /** Manual items: how long an attestation stays valid (ISO-8601 duration). */
  attestationValidFor?: string;
}

/** A person's attestation of a manual item. @public */
export interface Attestation {
  id: string;
  itemId: string;
  evidenceUrl: string;
  note: string | null;
  attestedBy: string;
  attestedAt: string;
  expiresAt: string;
}

/** A reviewer's acceptance of a failing item's risk until a date. @public */
export interface Waiver {
  id: string;
  itemId: string;
  reason: string;
  approvedBy: string;
  expiresAt: string;
}

/**
 * What the automatic rules read, gathered once per evaluation.
 *
 * @public
 */
export interface ReadinessFacts {
  owner: string | null;
  ownerExists: boolean;
  tier: {
    id: string;
    minimumSloTarget: number | null;
    drTestInterval: string | null;
  } | null;
  slos: Array<{ target: number; status: string }>;
  /** People on level 1 of the answering rotation; 0 when none answers. */
  oncallPeople: number;
  oncallLevels: number;
  links: { runbook: boolean; dashboard: boolean };
  overdueActionPriorities: string[];
  latePostmortems: number;
  /** When the last DR test was attested, if ever. */
  drTestAt: string | null;
}

/** A rule's verdict: pass or fail with a reason, or unknown. @public */
export interface RuleResult {
  pass: boolean | null;
  reason: string;
}

/** @public */
export type ReadinessRule = (
  facts: ReadinessFacts,
  options: Record<string, unknown>,
  at: number,
) => RuleResult;

/** One evaluated item. @public */
export interface ReadinessItemResult {
  id: string;
  title: string;
  category: string;
  level: 'required' | 'recommended';
  kind: 'automatic' | 'manual';
  status: ReadinessItemStatus;
  reason: string;
  attestation?: Attestation;
  waiver?: Waiver;
}

/** @public */
export interface ReadinessResult {
  items: ReadinessItemResult[];
  /** Share of items passing, attested or waived, 0…1. */
  score: number;
  /** Every required item passes, is attested or is waived. */
  ready: boolean;
}

/** A review as the API returns it, with lapses computed. @public */
export interface ReadinessReviewResponse {
  id: string;
  entityRef: string;
  /** `lapsed`: approved, but the tier changed, evidence expired or it aged out. */
  state: 'requested' | 'approved' | 'rejected' | 'lapsed';
  lapseReason: string | null;
  requestedBy: string;
  requestedAt: string;
  targetLaunchDate: string | null;
  decidedBy: string | null;
  decidedAt: string | null;
  comment: string | null;
  tierId: string | null;
  snapshot: ReadinessResult | null;
}

/** `GET …/readiness`. @public */
export interface EntityReadinessResponse extends ReadinessResult {
  tier: string | null;
  review: ReadinessReviewResponse | null;
}

/**
 * How one item differs between the last approved review's snapshot and
 * now: `added` (the template gained it, e.g. after a tier change),
 * `removed` (no longer asked for), or `status` (its status moved).
 *
 * @public
 */
export interface ReadinessChange {
  id: string;
  title: string;
  level: 'required' | 'recommended';
  change: 'added' | 'removed' | 'status';
  before: ReadinessItemStatus | null;
  after: ReadinessItemStatus | null;
}

/**
 * A pending review as the SRE queue lists it: the review, the entity's
 * tier and owner, the required items failing now, and what changed since
 * the entity's last approved review (`lastApproval` null: never approved).
 *
 * @public
 */
export interface PendingReadinessReview extends ReadinessReviewResponse {
  tier: string | null;
  owner: string | null;
  failingRequired: Array<{ id: string; title: string; reason: string }>;
  lastApproval: {
    reviewId: string;
    decidedBy: string;
    decidedAt: string;
  } | null;
  changesSinceApproval: ReadinessChange[];
}
