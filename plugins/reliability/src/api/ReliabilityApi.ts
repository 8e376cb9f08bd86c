import { CompoundEntityRef } from '@backstage/catalog-model';
import { createApiRef } from '@backstage/core-plugin-api';
import {
  DeployGateResponse,
  EntitySummary,
  SloListResponse,
  SloSeriesResponse,
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
  /** The entity's SLOs with their last computed status. */
  getSlos(entityRef: CompoundEntityRef): Promise<SloListResponse>;
  /** Attainment and budget remaining over time, for a chart. */
  getSloSeries(
    entityRef: CompoundEntityRef,
    sloName: string,
    options?: { from?: Date; to?: Date; step?: string },
  ): Promise<SloSeriesResponse>;
  /** Whether the entity may deploy now under its error-budget policy. */
  getDeployGate(entityRef: CompoundEntityRef): Promise<DeployGateResponse>;
}

/** @public */
export const reliabilityApiRef = createApiRef<ReliabilityApi>({
  id: 'plugin.reliability.api',
});
