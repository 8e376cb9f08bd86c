export { describeTargets, SloObjectives } from './SloObjectives';
