import {
  coreServices,
  createServiceFactory,
  createServiceRef,
} from '@backstage/backend-plugin-api';
import { parseTierPolicies } from '@reliability-suite/plugin-reliability-common';
import { createTierPolicyService } from './createTierPolicyService';
import { TierPolicyService } from './TierPolicyService';

/**
 * The tier policy, read from `reliability.tiers` once at start-up.
 *
 * Root-scoped so that a malformed policy stops the backend while it starts,
 * with a message naming the config key, instead of failing the first request.
 *
 * @public
 */
export const tierPolicyServiceRef = createServiceRef<TierPolicyService>({
  id: 'reliability.tier-policy',
  scope: 'root',
  defaultFactory: async service =>
    createServiceFactory({
      service,
      deps: { config: coreServices.rootConfig },
      factory({ config }) {
        const policies = parseTierPolicies(
          config.getOptional('reliability.tiers'),
          'reliability.tiers',
        );
        return createTierPolicyService(policies);
      },
    }),
});
