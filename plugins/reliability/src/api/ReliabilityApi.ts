import { CompoundEntityRef } from '@backstage/catalog-model';
import { createApiRef } from '@backstage/core-plugin-api';
import {
  EntitySummary,
  TierPolicy,
} from '@reliability-suite/plugin-reliability-common';

/**
 * The frontend's view of the reliability backend.
 *
 * @public
 */
export interface ReliabilityApi {
  /** The tier policy, most critical first. */
  getTierPolicies(): Promise<TierPolicy[]>;
  /** One entity's reliability summary. */
  getEntitySummary(entityRef: CompoundEntityRef): Promise<EntitySummary>;
}

/** @public */
export const reliabilityApiRef = createApiRef<ReliabilityApi>({
  id: 'plugin.reliability.api',
});
