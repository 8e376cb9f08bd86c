export { EntityTierFilter } from './EntityTierFilter';
export { TierPicker } from './TierPicker';
