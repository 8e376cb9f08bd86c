export { RotationTimeline } from './RotationTimeline';
