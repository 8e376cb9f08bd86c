export { SloStatusChip, SLO_STATUS_TITLES } from './SloStatusChip';
