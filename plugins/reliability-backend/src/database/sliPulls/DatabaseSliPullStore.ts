import { Knex } from 'knex';
import { inChunks } from '../queryHelpers';
import { toDate } from '../toDate';
import { SliPullState, SliPullStore } from './SliPullStore';

type SliPullRow = {
  slo_id: number;
  provider: string;
  slo_version: number;
  pulled_until: number | string;
  last_attempt_at: Date | string | number | null;
  last_success_at: Date | string | number | null;
  failures: number;
  next_attempt_at: number | string | null;
  problem: string | null;
  replay_from: number | string | null;
  revision: number;
};

function toState(row: SliPullRow): SliPullState {
  return {
    sloId: row.slo_id,
    provider: row.provider,
    sloVersion: row.slo_version,
    // bigint columns come back as strings from PostgreSQL.
    pulledUntil: Number(row.pulled_until),
    lastAttemptAt: row.last_attempt_at ? toDate(row.last_attempt_at) : null,
    lastSuccessAt: row.last_success_at ? toDate(row.last_success_at) : null,
    failures: row.failures,
    nextAttemptAt:
      row.next_attempt_at === null ? null : Number(row.next_attempt_at),
    problem: row.problem,
    replayFrom: row.replay_from === null ? null : Number(row.replay_from),
    revision: row.revision,
  };
}

/**
 * The knex implementation of {@link SliPullStore}.
 *
 * @internal
 */
export class DatabaseSliPullStore implements SliPullStore {
  /** The store on an already migrated database (see {@link createReliabilityStores}). */
  static create(db: Knex): DatabaseSliPullStore {
    return new DatabaseSliPullStore(db);
  }

  private constructor(private readonly db: Knex) {}

  async getStates(
    sloIds: readonly number[],
  ): Promise<Map<number, SliPullState>> {
    const rows: SliPullRow[] = await inChunks(sloIds, ids =>
      this.db<SliPullRow>('sli_pulls').whereIn('slo_id', ids),
    );
    return new Map(rows.map(row => [row.slo_id, toState(row)]));
  }

  async saveState(state: SliPullState): Promise<SliPullState | undefined> {
    const values = {
      provider: state.provider,
      slo_version: state.sloVersion,
      pulled_until: state.pulledUntil,
      last_attempt_at: state.lastAttemptAt,
      last_success_at: state.lastSuccessAt,
      failures: state.failures,
      next_attempt_at: state.nextAttemptAt,
      problem: state.problem,
      replay_from: state.replayFrom,
    };
    const written =
      state.revision === 0
        ? (
            await this.db('sli_pulls')
              .insert({ slo_id: state.sloId, ...values, revision: 1 })
              .onConflict('slo_id')
              .ignore()
              .returning('slo_id')
          ).length
        : await this.db('sli_pulls')
            .where({ slo_id: state.sloId, revision: state.revision })
            .update({ ...values, revision: state.revision + 1 });
    return written === 1
      ? { ...state, revision: state.revision + 1 }
      : undefined;
  }

  async deleteStates(sloIds: readonly number[]): Promise<number> {
    let deleted = 0;
    await inChunks(sloIds, async ids => {
      deleted += await this.db('sli_pulls').whereIn('slo_id', ids).delete();
      return [];
    });
    return deleted;
  }
}
