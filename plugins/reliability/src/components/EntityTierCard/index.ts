export { EntityTierCard } from './EntityTierCard';
