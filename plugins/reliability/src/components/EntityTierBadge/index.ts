export { EntityTierBadge } from './EntityTierBadge';
