import { Knex } from 'knex';
import { TeamSnapshot, TeamSnapshotStore } from './TeamSnapshotStore';
import { toDate } from '../toDate';
import { upsertRows } from '../upsertRows';

type SnapshotRow = {
  team_ref: string;
  day: string;
  kpis: string;
  computed_at: Date | string | number;
};

/** {@link TeamSnapshotStore} on knex (SQLite and PostgreSQL). @public */
export class DatabaseTeamSnapshotStore implements TeamSnapshotStore {
  /** The store on an already migrated database (see {@link createReliabilityStores}). */
  static create(db: Knex): DatabaseTeamSnapshotStore {
    return new DatabaseTeamSnapshotStore(db);
  }

  private constructor(private readonly db: Knex) {}

  async saveTeamSnapshots(snapshots: TeamSnapshot[]): Promise<void> {
    await this.db.transaction(async tx => {
      for (let i = 0; i < snapshots.length; i += 500) {
        await upsertRows(
          tx,
          'team_snapshots',
          ['team_ref', 'day', 'kpis', 'computed_at'],
          snapshots
            .slice(i, i + 500)
            .map(s => [
              s.teamRef,
              s.day,
              JSON.stringify(s.values),
              s.computedAt,
            ]),
          ['team_ref', 'day'],
          ['kpis', 'computed_at'],
        );
      }
    });
  }

  async listTeamSnapshots(
    teamRef: string,
    sinceDay: string,
  ): Promise<TeamSnapshot[]> {
    const rows = await this.db<SnapshotRow>('team_snapshots')
      .where('team_ref', teamRef)
      .andWhere('day', '>=', sinceDay)
      .orderBy('day', 'asc');
    return rows.map(row => ({
      teamRef: row.team_ref,
      day: row.day,
      values: JSON.parse(row.kpis),
      computedAt: toDate(row.computed_at),
    }));
  }
}
