import { EntityTierSummary, ReliabilityProblem } from '../api/EntitySummary';
import { RELIABILITY_TIER_ANNOTATION } from '../entities/annotations';
import { TierResolution } from './resolveEntityTier';
import { TierPolicy } from './TierPolicy';

/**
 * Turns a tier resolution into the summary's `tier` section and problems.
 *
 * @internal
 */
export function summarizeEntityTier(
  resolution: TierResolution,
  policies: readonly TierPolicy[],
): { tier: EntityTierSummary | null; problems: ReliabilityProblem[] } {
  switch (resolution.state) {
    case 'tiered': {
      const { policy, annotationValue } = resolution;
      return {
        tier: {
          id: policy.id,
          rank: policies.findIndex(p => p.id === policy.id),
          title: policy.title,
          description: policy.description,
          annotationValue,
          requirements: policy.requirements,
          since: null,
        },
        problems: [],
      };
    }
    case 'unknown': {
      const known = policies.map(p => p.id).join(', ');
      const message =
        resolution.annotationValue.trim() === ''
          ? `The annotation ${RELIABILITY_TIER_ANNOTATION} is empty. Set it to one of: ${known}.`
          : `The annotation ${RELIABILITY_TIER_ANNOTATION} names the tier '${resolution.annotationValue}', which the tier policy does not define. Use one of: ${known}.`;
      return {
        tier: null,
        problems: [
          {
            code: 'unknown-tier',
            severity: 'error',
            message,
            annotation: RELIABILITY_TIER_ANNOTATION,
          },
        ],
      };
    }
    default:
      return { tier: null, problems: [] };
  }
}
