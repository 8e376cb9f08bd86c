export { ReadinessQueuePage } from './ReadinessQueuePage';
