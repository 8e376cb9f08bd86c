/**
 * Extension points and services for backend modules that extend the
 * Reliability Suite.
 *
 * @packageDocumentation
 */

export * from './tiers/TierPolicyService';
export * from './tiers/tierPolicyServiceRef';
