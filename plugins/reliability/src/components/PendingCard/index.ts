export { PendingCard } from './PendingCard';
