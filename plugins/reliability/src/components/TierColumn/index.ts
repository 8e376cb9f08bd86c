export { createTierColumn } from './createTierColumn';
