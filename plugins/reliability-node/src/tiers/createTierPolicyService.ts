import {
  resolveEntityTier,
  TierPolicy,
} from '@reliability-suite/plugin-reliability-common';
import { TierPolicyService } from './TierPolicyService';

/**
 * A {@link TierPolicyService} over already validated policies: what the
 * service ref's factory builds from `reliability.tiers`, and what tests and
 * tools that run the reliability services outside a backend use.
 *
 * @public
 */
export function createTierPolicyService(
  policies: readonly TierPolicy[],
): TierPolicyService {
  return {
    getPolicies: () => policies,
    resolve: entity => resolveEntityTier(entity, policies),
  };
}
