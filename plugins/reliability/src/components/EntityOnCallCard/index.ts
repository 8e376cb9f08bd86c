export { EntityOnCallCard } from './EntityOnCallCard';
