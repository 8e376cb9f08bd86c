export { ReplayHistoryDialog } from './ReplayHistoryDialog';
