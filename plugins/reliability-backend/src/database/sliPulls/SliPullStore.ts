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
  /** Creates or replaces an SLO's state. */
  saveState(state: SliPullState): Promise<void>;
  /** Forgets the states of SLOs no provider pulls any more. */
  deleteStates(sloIds: readonly number[]): Promise<number>;
}
