/**
 * What a tier's error-budget policy does when an SLO's budget is spent.
 *
 * - `freeze`: the deploy gate closes until the budget recovers or an
 *   approved exception covers the entity.
 * - `alert`: the owners are told, deploys continue.
 * - `none`: nothing beyond the SLO status.
 *
 * @public
 */
export type ErrorBudgetExhaustionAction = 'freeze' | 'alert' | 'none';

/** @public */
export interface ErrorBudgetPolicy {
  onExhaustion: ErrorBudgetExhaustionAction;
  /** Human text shown next to the deploy gate, e.g. "Only fixes ship". */
  description?: string;
}

/** @public */
export interface PostmortemRule {
  /** Severities (ids from `reliability.severities`) that need a postmortem. */
  severities: string[];
  /** Business days after resolution by which the postmortem is due. */
  dueBusinessDays: number;
}

/**
 * The requirements one tier puts on the entities in it.
 *
 * @public
 */
export interface TierRequirements {
  /** Lowest acceptable SLO target as a fraction (`0.999`), or null for none. */
  minimumSloTarget: number | null;
  sloRequired: boolean;
  oncallRequired: boolean;
  runbookRequired: boolean;
  /** Null when incidents in this tier need no postmortem. */
  postmortem: PostmortemRule | null;
  /** ISO-8601 duration between disaster-recovery tests, or null for none. */
  drTestInterval: string | null;
  errorBudgetPolicy: ErrorBudgetPolicy;
}

/**
 * A criticality tier as configured under `reliability.tiers`.
 *
 * @public
 */
export interface TierPolicy {
  /** Lower-case id used in the `reliability/tier` annotation. */
  id: string;
  title: string;
  description: string;
  requirements: TierRequirements;
}
