/**
 * Annotation naming an entity's criticality tier, for example `tier-1`.
 * The accepted ids come from the tier policy in `reliability.tiers`.
 *
 * @public
 */
export const RELIABILITY_TIER_ANNOTATION = 'reliability/tier';

/**
 * Annotation pointing to an OpenSLO document (relative to the entity's
 * location) that defines the entity's SLOs.
 *
 * @public
 */
export const RELIABILITY_SLOS_ANNOTATION = 'reliability/slos';

/**
 * Annotation naming a rotation other than the owning team's.
 *
 * @public
 */
export const RELIABILITY_ONCALL_ROTATION_ANNOTATION =
  'reliability/oncall-rotation';
