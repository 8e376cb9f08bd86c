/**
 * Shared types, pure domain logic and permissions of the Reliability Suite.
 *
 * @packageDocumentation
 */

export * from './entities/annotations';
export * from './entities/toCanonicalEntityRef';
export * from './format/formatPercent';
export * from './tiers/TierPolicy';
export * from './tiers/defaultTierPolicies';
export * from './tiers/parseTierPolicies';
export * from './tiers/resolveEntityTier';
export * from './tiers/summarizeEntityTier';
export * from './tiers/describeTierRequirements';
export * from './permissions/permissions';
export * from './api/EntitySummary';
export * from './slo';
export * from './api/SloApi';
export * from './oncall';
export * from './incidents';
export * from './readiness';
export * from './overview/Overview';
export * from './overview/overviewSearchParams';
export * from './overview/teamScorecard';
export * from './time/parseTimestamp';
export * from './text/visibleTextSchema';
