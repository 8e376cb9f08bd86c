/**
 * Where a pulled SLO stands with its SLI provider.
 *
 * @internal
 */
export interface SliPullState {
  sloId: number;
  provider: string;
  /** The SLO version pulled; another version is pulled again from scratch. */
  sloVersion: number;
  /** Epoch ms: measurements before it are pulled (the high-water mark). */
  pulledUntil: number;
  lastAttemptAt: Date | null;
  lastSuccessAt: Date | null;
  /** Failed pulls in a row. */
  failures: number;
  /** Epoch ms: no pull before it (backoff); null when due. */
  nextAttemptAt: number | null;
  /** The last failure, as shown on the SLO card. */
  problem: string | null;
  /** Epoch ms: where a replay someone asked for started; null when none runs. */
  replayFrom: number | null;
  /** Bumped on every write; 0 for a state not stored yet. */
  revision: number;
}

/**
 * The pull state of SLOs pulled from SLI providers (the high-water mark,
 * failures and their backoff).
 *
 * @internal
 */
export interface SliPullStore {
  /** The states of these SLOs (absent: never pulled). */
  getStates(sloIds: readonly number[]): Promise<Map<number, SliPullState>>;
  /**
   * Writes an SLO's state if it is still at `state.revision` (0: not
   * stored yet): compare-and-set, so a scheduled pull and a replay asked
   * for at the same time never overwrite each other's progress.
   *
   * @returns the state as stored (its revision bumped), or undefined when
   *   someone else wrote it first
   */
  saveState(state: SliPullState): Promise<SliPullState | undefined>;
  /** Forgets the states of SLOs no provider pulls any more. */
  deleteStates(sloIds: readonly number[]): Promise<number>;
}
