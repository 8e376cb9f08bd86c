export { EntityPostmortemActionsCard } from './EntityPostmortemActionsCard';
