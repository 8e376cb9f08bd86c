export { CardEmptyState } from './CardEmptyState';
