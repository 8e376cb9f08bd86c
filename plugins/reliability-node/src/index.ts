/**
 * Extension points and services for backend modules that extend the
 * Reliability Suite.
 *
 * @packageDocumentation
 */

export * from './tiers/TierPolicyService';
export * from './tiers/tierPolicyServiceRef';
export * from './tiers/createTierPolicyService';
export * from './oncall/OnCallProvider';
export * from './oncall/reliabilityOnCallExtensionPoint';
export * from './permissions/rotationPermissionRules';
export * from './readiness/reliabilityReadinessExtensionPoint';
export * from './data/ReliabilityDataConnection';
export * from './data/reliabilityDataExtensionPoint';
export * from './sli/SliProvider';
export * from './sli/reliabilitySliExtensionPoint';
