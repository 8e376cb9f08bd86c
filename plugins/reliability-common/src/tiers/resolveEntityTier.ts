import { RELIABILITY_TIER_ANNOTATION } from '../entities/annotations';
import { TierPolicy } from './TierPolicy';

/**
 * How an entity's `reliability/tier` annotation resolved against the policy.
 *
 * @public
 */
export type TierResolution =
  | { state: 'tiered'; policy: TierPolicy; annotationValue: string }
  | { state: 'untiered' }
  | { state: 'unknown'; annotationValue: string };

/**
 * Normalizes how people actually write tiers in YAML: `Tier-1`, ` tier_1 `
 * and `TIER 1` all mean `tier-1`.
 */
function normalizeTierId(value: string): string {
  return value
    .trim()
    .toLocaleLowerCase('en-US')
    .replace(/[\s_]+/g, '-');
}

/**
 * Resolves an entity's tier from its `reliability/tier` annotation.
 *
 * A missing annotation is `untiered`. A value that names no configured tier
 * (including an empty one) is `unknown`, so callers can show the problem
 * instead of silently treating the entity as untiered.
 *
 * @public
 */
export function resolveEntityTier(
  entity: { metadata: { annotations?: Record<string, string> } },
  policies: readonly TierPolicy[],
): TierResolution {
  const annotationValue =
    entity.metadata.annotations?.[RELIABILITY_TIER_ANNOTATION];
  if (annotationValue === undefined) {
    return { state: 'untiered' };
  }
  const wanted = normalizeTierId(String(annotationValue));
  const policy = policies.find(p => p.id === wanted);
  if (!policy || wanted === '') {
    return { state: 'unknown', annotationValue: String(annotationValue) };
  }
  return { state: 'tiered', policy, annotationValue: String(annotationValue) };
}
