export { TeamScorecardContent } from './TeamScorecardContent';
