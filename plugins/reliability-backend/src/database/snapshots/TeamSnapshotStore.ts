import { ReliabilityTeamSnapshot } from '@reliability-suite/plugin-reliability-node';

/** A team's KPI values on one day (what data providers load too). */
export type TeamSnapshot = ReliabilityTeamSnapshot;

/**
 * Daily KPI snapshots per team, for trends.
 *
 * @public
 */
export interface TeamSnapshotStore {
  /** Inserts or replaces by team and day. */
  saveTeamSnapshots(snapshots: TeamSnapshot[]): Promise<void>;
  /** The team's snapshots from `sinceDay` on, oldest first. */
  listTeamSnapshots(teamRef: string, sinceDay: string): Promise<TeamSnapshot[]>;
}
