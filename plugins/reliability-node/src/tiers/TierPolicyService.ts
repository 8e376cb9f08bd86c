import { Entity } from '@backstage/catalog-model';
import {
  TierPolicy,
  TierResolution,
} from '@reliability-suite/plugin-reliability-common';

/**
 * The validated tier policy of `reliability.tiers`, for the reliability
 * backend and for any backend module that needs to know what a tier demands
 * (scaffolder actions, fact retrievers, notification rules).
 *
 * @public
 */
export interface TierPolicyService {
  /** Tiers in configured order, most critical first. */
  getPolicies(): readonly TierPolicy[];
  /** Resolves an entity's `reliability/tier` annotation against the policy. */
  resolve(entity: Pick<Entity, 'metadata'>): TierResolution;
}
