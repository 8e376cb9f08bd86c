import { ScorecardKpiId } from '@reliability-suite/plugin-reliability-common';

/** A team's KPI values on one day. @public */
export interface TeamSnapshot {
  teamRef: string;
  /** `YYYY-MM-DD` (UTC). */
  day: string;
  values: Partial<Record<ScorecardKpiId, number | null>>;
  computedAt: Date;
}

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
