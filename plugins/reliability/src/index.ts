/**
 * The Reliability Suite frontend plugin: tier badge, Reliability tab and
 * entity cards.
 *
 * @packageDocumentation
 */

export {
  reliabilityPlugin,
  EntityReliabilityContent,
  EntityTierBadge,
  EntityTierCard,
  EntitySloCard,
  EntityOnCallCard,
  GroupOnCallContent,
  EntityPostmortemActionsCard,
  EntityIncidentsContent,
  EntityReadinessCard,
  ReadinessQueuePage,
  ReliabilityOverviewPage,
  TeamScorecardContent,
} from './plugin';
export { reliabilityApiRef } from './api/ReliabilityApi';
export type { ReliabilityApi } from './api/ReliabilityApi';
export { ReliabilityClient } from './api/ReliabilityClient';
export { createTierColumn } from './components/TierColumn';
export { EntityTierFilter, TierPicker } from './components/TierPicker';
export { TierChip } from './components/TierChip';
export { SloStatusChip } from './components/SloStatusChip';
export { RotationTimeline } from './components/RotationTimeline';
export type { TierChipProps } from './components/TierChip';
export { isReliabilityAvailable } from './isReliabilityAvailable';
