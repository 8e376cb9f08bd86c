import { LoggerService } from '@backstage/backend-plugin-api';
import { ConflictError, InputError } from '@backstage/errors';
import { SliProvider } from '@reliability-suite/plugin-reliability-node';
import { SloPullInfo } from '@reliability-suite/plugin-reliability-common';
import { MINUTE_MS } from '../database/slos/DatabaseSloStore';
import { StoredSlo } from '../database/slos/SloStore';
import { SliPullState } from '../database/sliPulls/SliPullStore';
import { ReliabilityStores } from '../database/ReliabilityStores';
import { SummaryRefresher } from '../refresh/SummaryRefresher';
import { HOUR_MS } from '../slos/historyBuckets';
import { Measurement, SloService } from '../slos/SloService';
import { countValuesPerMinute } from '../slos/countMeasurements';
import { checkSliAnswer, checkSliValues } from './checkSliAnswer';
import { metricSourceOf, sourcesOf } from './metricSourcesOf';
import { planPullChunks, PullChunk } from './planPullChunks';

/** SLOs pulled side by side. */
const PULL_CONCURRENCY = 4;
/** The longest wait between attempts after failures. */
const MAX_BACKOFF_MS = HOUR_MS;
/**
 * How early a scheduled run may come and still count as due: runs start a
 * little before or after the minute, and a retry due at 12:01:00.2 must not
 * wait for 12:02 because the run started at 12:00:59.9.
 */
const SCHEDULE_SLACK_MS = 10_000;

/** What the pull service works with, and its limits. */
export interface SliPullServiceOptions {
  stores: Pick<ReliabilityStores, 'slos' | 'sliPulls'>;
  sloService: Pick<
    SloService,
    'replaceCountedHistory' | 'historyStartAt' | 'resolutionAt'
  >;
  refresher: Pick<SummaryRefresher, 'sloStatusesChanged'>;
  providers: readonly SliProvider[];
  logger: LoggerService;
  /**
   * Provider requests per SLO and run; the rest waits for the next run.
   * Default 10: a new 30-day SLO (4 weeks of hours, 4 days and an hour
   * of minutes) is pulled whole in its first run.
   */
  maxChunksPerRun?: number;
  /** How long one provider request may take. Default 30 s. */
  requestTimeoutMs?: number;
  /** Minutes re-read on every pull, for samples that arrive late. Default 5. */
  overlapMinutes?: number;
}

/**
 * Pulls SLI counts from the providers modules add (Prometheus, …) into the
 * SLOs they claim. Each SLO keeps a high-water mark: a run asks for the
 * minutes since it (re-reading the last few, for late samples) up to the
 * last whole minute, and a new or changed SLO is pulled over its whole
 * history horizon first. Each answer replaces the SLO's measurements over
 * exactly the range asked, so a repeated pull changes nothing. A failure
 * is kept as the SLO's problem, shown on its card, and the SLO waits
 * 1, 2, 4, … minutes (at most an hour) before the next attempt.
 */
export class SliPullService {
  private readonly maxChunksPerRun: number;
  private readonly requestTimeoutMs: number;
  private readonly overlapMs: number;

  constructor(private readonly options: SliPullServiceOptions) {
    this.maxChunksPerRun = options.maxChunksPerRun ?? 10;
    this.requestTimeoutMs = options.requestTimeoutMs ?? 30_000;
    this.overlapMs = (options.overlapMinutes ?? 5) * MINUTE_MS;
  }

  /** Whether any provider is installed (otherwise nothing is scheduled). */
  get enabled(): boolean {
    return this.options.providers.length > 0;
  }

  /**
   * The provider that pulls this SLO, if any: for a threshold metric one
   * that serves values for its metric source, else one that counts its good
   * and total.
   */
  providerFor(slo: StoredSlo): SliProvider | undefined {
    if (slo.definition.threshold) {
      const metric = metricSourceOf(slo.definition, 'thresholdMetric');
      return this.options.providers.find(
        p => p.fetchValues && p.handlesValues?.(metric),
      );
    }
    const { good, total } = sourcesOf(slo);
    return this.options.providers.find(p => p.handles(good, total));
  }

  /** The pull state of these SLOs for the API, by SLO id (pulled ones only). */
  async pullInfo(
    slos: readonly StoredSlo[],
    now: Date = new Date(),
  ): Promise<Map<number, SloPullInfo>> {
    const pulled = slos.filter(slo => this.providerFor(slo));
    const states = await this.options.stores.sliPulls.getStates(
      pulled.map(slo => slo.id),
    );
    return new Map(
      pulled.map(slo => [
        slo.id,
        toPullInfo(this.providerFor(slo)!, slo, states.get(slo.id), now),
      ]),
    );
  }

  /**
   * Re-reads a pulled SLO's history from its provider from `from` (by
   * default its whole history horizon) on: the high-water mark moves back
   * there, and the first requests run now; the scheduled pulls do the
   * rest. Progress shows in the SLO's pull info.
   *
   * @returns where the replay starts (a whole hour, or where the pull had
   *   got to if that is earlier) and the SLO's pull info after the first
   *   requests
   * @throws ConflictError when no provider pulls the SLO
   * @throws InputError when `from` lies outside the SLO's history
   */
  async replay(
    slo: StoredSlo,
    from: string | undefined,
    now: Date,
  ): Promise<{ from: string; pull: SloPullInfo }> {
    const provider = this.providerFor(slo);
    if (!provider) {
      throw new ConflictError(
        `SLO '${slo.name}' of ${slo.entityRef} is not pulled from a provider: its measurements are pushed, and its history is loaded with PUT …/slos/${slo.name}/history`,
      );
    }
    const at = now.getTime();
    const start = this.options.sloService.historyStartAt(slo, at);
    const asked = from === undefined ? start : Date.parse(from);
    if (asked < start) {
      throw new InputError(
        `Invalid request body 'from': ${from} is older than this SLO's history, which starts at ${new Date(
          start,
        ).toISOString()}`,
      );
    }
    if (asked >= Math.floor(at / MINUTE_MS) * MINUTE_MS) {
      throw new InputError(
        `Invalid request body 'from': ${from} must lie before the current minute`,
      );
    }
    // Whole hours: where hours are kept a replay re-reads whole ones.
    const replayFrom = Math.max(start, Math.floor(asked / HOUR_MS) * HOUR_MS);
    // Compare-and-set: a pull that wrote in between is read again.
    for (let attempt = 0; attempt < 5; attempt++) {
      const previous = (
        await this.options.stores.sliPulls.getStates([slo.id])
      ).get(slo.id);
      const base = this.freshOrCurrent(slo, provider, previous, start);
      // Never forward: a pull that has not reached `from` yet still has the
      // minutes before it to read.
      const back = Math.max(start, Math.min(base.pulledUntil, replayFrom));
      const saved = await this.options.stores.sliPulls.saveState({
        ...base,
        pulledUntil: back,
        replayFrom: back,
        failures: 0,
        nextAttemptAt: null,
      });
      if (saved) {
        await this.pullSlo(slo, saved, now);
        return {
          from: new Date(back).toISOString(),
          pull: (await this.pullInfo([slo], now)).get(slo.id)!,
        };
      }
    }
    throw new ConflictError(
      `SLO '${slo.name}' of ${slo.entityRef} is being pulled right now; try the replay again`,
    );
  }

  /**
   * One scheduled run: every pulled SLO that is due, a few at a time.
   *
   * @returns how many SLOs were pulled, requests made, and SLOs that failed
   */
  async pullAll(
    now: Date,
  ): Promise<{ slos: number; requests: number; failed: number }> {
    const { stores } = this.options;
    const all = await stores.slos.listAllSlos();
    const pulled = all.filter(slo => this.providerFor(slo));
    const states = await stores.sliPulls.getStates(all.map(slo => slo.id));
    const unclaimed = [...states.keys()].filter(
      id => !pulled.some(slo => slo.id === id),
    );
    if (unclaimed.length > 0) await stores.sliPulls.deleteStates(unclaimed);
    let requests = 0;
    let failed = 0;
    for (let i = 0; i < pulled.length; i += PULL_CONCURRENCY) {
      const results = await Promise.all(
        pulled
          .slice(i, i + PULL_CONCURRENCY)
          .map(slo => this.pullSlo(slo, states.get(slo.id), now)),
      );
      for (const result of results) {
        requests += result.requests;
        if (result.failed) failed += 1;
      }
    }
    return { slos: pulled.length, requests, failed };
  }

  /**
   * Pulls one SLO as far as this run allows, saving the high-water mark
   * after every answer.
   */
  async pullSlo(
    slo: StoredSlo,
    previous: SliPullState | undefined,
    now: Date,
  ): Promise<{ requests: number; failed: boolean }> {
    const provider = this.providerFor(slo);
    if (!provider) return { requests: 0, failed: false };
    const at = now.getTime();
    const fresh = !isCurrent(slo, provider, previous);
    const waitUntil = fresh ? null : previous!.nextAttemptAt;
    if (waitUntil !== null && waitUntil - SCHEDULE_SLACK_MS > at) {
      return { requests: 0, failed: false };
    }
    const { sloService, stores, refresher } = this.options;
    const resolution = sloService.resolutionAt(at);
    const start = sloService.historyStartAt(slo, at);
    let state = this.freshOrCurrent(slo, provider, previous, start);
    // The current minute is still filling up: pull to the last whole one.
    const until = Math.floor(at / MINUTE_MS) * MINUTE_MS;
    let from = Math.max(start, Math.min(state.pulledUntil, until));
    if (!fresh && from - this.overlapMs >= resolution.minuteFrom) {
      from -= this.overlapMs;
    }
    if (from < resolution.minuteFrom) {
      // Kept per hour by now: re-read the whole hour.
      from = Math.floor(from / HOUR_MS) * HOUR_MS;
    }
    const chunks = planPullChunks(
      slo.definition,
      from,
      until,
      resolution,
    ).slice(0, this.maxChunksPerRun);
    let requests = 0;
    try {
      for (const chunk of chunks) {
        requests += 1;
        const points = await this.fetchChunk(provider, slo, chunk);
        await sloService.replaceCountedHistory(
          slo,
          {
            from: new Date(chunk.from).toISOString(),
            to: new Date(chunk.to).toISOString(),
            points,
          },
          now,
        );
        const saved = await stores.sliPulls.saveState({
          ...state,
          pulledUntil: chunk.to,
          lastAttemptAt: now,
          lastSuccessAt: now,
          failures: 0,
          nextAttemptAt: null,
          problem: null,
          // Caught up: a replay is done.
          replayFrom: chunk.to >= until ? null : state.replayFrom,
        });
        // Someone else wrote the state meanwhile (a replay asked for): the
        // next run goes on from theirs.
        if (!saved) break;
        state = saved;
      }
      if (chunks.length === 0) {
        await stores.sliPulls.saveState({
          ...state,
          lastAttemptAt: now,
          replayFrom: null,
        });
      }
      if (requests > 0) await refresher.sloStatusesChanged(slo.entityRef);
      return { requests, failed: false };
    } catch (error) {
      const failures = state.failures + 1;
      const message = (error as Error)?.message || String(error);
      // The card names the provider already.
      const problem = message.slice(0, 1000);
      await stores.sliPulls.saveState({
        ...state,
        lastAttemptAt: now,
        failures,
        nextAttemptAt:
          at + Math.min(MINUTE_MS * 2 ** (failures - 1), MAX_BACKOFF_MS),
        problem,
      });
      this.options.logger.warn(
        `SLI pull of SLO '${slo.name}' of ${slo.entityRef} from ${provider.id} failed (${failures} in a row): ${problem}`,
      );
      if (requests > 1) await refresher.sloStatusesChanged(slo.entityRef);
      return { requests, failed: true };
    }
  }

  /**
   * One provider request, checked, as counts: a threshold metric's values
   * are judged and counted per minute.
   */
  private async fetchChunk(
    provider: SliProvider,
    slo: StoredSlo,
    chunk: PullChunk,
  ): Promise<Measurement[]> {
    const signal = AbortSignal.timeout(this.requestTimeoutMs);
    const base = { entityRef: slo.entityRef, slo: slo.definition, signal };
    if (slo.definition.threshold) {
      const answer = await provider.fetchValues!({
        ...base,
        metric: metricSourceOf(slo.definition, 'thresholdMetric'),
        from: chunk.from,
        to: chunk.to,
      });
      return countValuesPerMinute(
        slo.definition,
        checkSliValues(provider.id, answer, chunk),
      );
    }
    const answer = await provider.fetchCounts({
      ...base,
      ...sourcesOf(slo),
      ...chunk,
    });
    return checkSliAnswer(provider.id, answer, chunk);
  }

  /** The SLO's state, or a fresh one when it is new, changed or moved provider. */
  private freshOrCurrent(
    slo: StoredSlo,
    provider: SliProvider,
    previous: SliPullState | undefined,
    start: number,
  ): SliPullState {
    if (isCurrent(slo, provider, previous)) return previous!;
    return {
      sloId: slo.id,
      provider: provider.id,
      sloVersion: slo.version,
      pulledUntil: start,
      lastAttemptAt: null,
      lastSuccessAt: null,
      failures: 0,
      nextAttemptAt: null,
      problem: null,
      replayFrom: null,
      // The stored row, if any, is what a fresh state replaces.
      revision: previous?.revision ?? 0,
    };
  }
}

/** Whether a stored state belongs to the SLO as it is and its provider. */
function isCurrent(
  slo: StoredSlo,
  provider: SliProvider,
  state: SliPullState | undefined,
): boolean {
  return (
    state !== undefined &&
    state.sloVersion === slo.version &&
    state.provider === provider.id
  );
}

/**
 * A state as the API shows it; one of another SLO version or provider counts
 * as none, as it does for the next pull.
 */
function toPullInfo(
  provider: SliProvider,
  slo: StoredSlo,
  state: SliPullState | undefined,
  now: Date,
): SloPullInfo {
  const current = isCurrent(slo, provider, state) ? state : undefined;
  const iso = (ms: number | null | undefined) =>
    ms === null || ms === undefined ? null : new Date(ms).toISOString();
  const replay =
    current && current.replayFrom !== null
      ? {
          from: iso(current.replayFrom)!,
          // The share of the way from where it started to now.
          progress: Math.max(
            0,
            Math.min(
              1,
              (current.pulledUntil - current.replayFrom) /
                Math.max(1, now.getTime() - current.replayFrom),
            ),
          ),
        }
      : null;
  return {
    provider: provider.id,
    pulledUntil: iso(current?.pulledUntil),
    lastSuccessAt: current?.lastSuccessAt?.toISOString() ?? null,
    problem: current?.problem ?? null,
    nextAttemptAt: iso(current?.nextAttemptAt),
    replay,
  };
}
