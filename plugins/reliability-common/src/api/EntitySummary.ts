import { TierPolicy, TierRequirements } from '../tiers/TierPolicy';
import { SloSummary } from './SloApi';
import { OnCallPerson } from '../oncall/OnCallApi';
import { OwnershipGap } from '../oncall/ownershipGaps';

/**
 * Something about an entity's reliability data that its owners should fix,
 * such as an annotation naming a tier that does not exist.
 *
 * @public
 */
export interface ReliabilityProblem {
  /** Stable machine-readable code, e.g. `unknown-tier`. */
  code: string;
  severity: 'error' | 'warning';
  message: string;
  /** The annotation the problem comes from, when it comes from one. */
  annotation?: string;
}

/**
 * The tier part of an entity summary.
 *
 * @public
 */
export interface EntityTierSummary {
  id: string;
  /** Position in the policy, 0 for the most critical tier. */
  rank: number;
  title: string;
  description: string;
  /** The annotation value exactly as written in the entity's YAML. */
  annotationValue: string;
  requirements: TierRequirements;
  /**
   * When the entity got this tier (ISO-8601), as first seen by the catalog
   * sync; null until the sync has seen it.
   */
  since: string | null;
}

/**
 * `GET /v1/entities/{kind}/{namespace}/{name}/summary`: one entity's
 * reliability at a glance. Later features add their sections to it.
 *
 * @public
 */
export interface EntitySummary {
  /** Canonical lower-case entity ref. */
  entityRef: string;
  /** Null when the entity has no (valid) tier; see `problems`. */
  tier: EntityTierSummary | null;
  /** The entity's SLOs with their last computed status. */
  slos: SloSummary[];
  /** Who is on call now (level 1) and the next hand-off. */
  oncall: {
    rotation: string | null;
    source: string | null;
    now: OnCallPerson | null;
    nextHandoff: { at: string; to: OnCallPerson } | null;
  };
  /** Open corrective actions. */
  actions: { open: number; overdue: number; oldestAgeDays: number | null };
  /** Production readiness for the entity's tier. */
  readiness: {
    score: number;
    ready: boolean;
    failingRequired: string[];
    reviewState: 'requested' | 'approved' | 'rejected' | 'lapsed' | null;
  };
  /** Ownership gaps: owner, on-call, tier, required SLOs, overdue work. */
  gaps: OwnershipGap[];
  problems: ReliabilityProblem[];
}

/**
 * `GET /v1/tiers`.
 *
 * @public
 */
export interface TierPolicyResponse {
  items: TierPolicy[];
}
