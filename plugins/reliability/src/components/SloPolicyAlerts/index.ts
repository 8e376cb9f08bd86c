export { SloPolicyAlerts } from './SloPolicyAlerts';
