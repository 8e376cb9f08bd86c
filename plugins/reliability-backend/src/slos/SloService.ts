import { LoggerService } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import {
  BURN_RATE_LOOKBACKS,
  countTimeSlices,
  isSlicedSlo,
  evaluateSlo,
  evaluateSloFromSums,
  EvaluateSloOptions,
  SliBucket,
  SloSeriesResponse,
  SloStatusReport,
  sloLookbackReachMs,
  sloSumRanges,
  SloSums,
  sloWindowAt,
} from '@reliability-suite/plugin-reliability-common';
import { MINUTE_MS } from '../database/slos/DatabaseSloStore';
import { ReliabilityStores } from '../database/ReliabilityStores';
import { StoredSlo } from '../database/slos/SloStore';
import { PayloadTooLargeError } from '../errors/PayloadTooLargeError';
import { countMeasurements, IncomingMeasurement } from './countMeasurements';
import {
  DAY_MS,
  HOUR_MS,
  historyBuckets,
  historyHorizonMs,
  StoredResolution,
  storedResolutionAt,
} from './historyBuckets';

/** SLO statuses computed side by side in the fleet recompute. */
const STATUS_CONCURRENCY = 8;

/** Limits and retention of measurements. */
export interface SloServiceOptions {
  stores: Pick<ReliabilityStores, 'slos'>;
  logger: LoggerService;
  evaluateOptions?: EvaluateSloOptions;
  /** Most points in one measurements batch. Default 10,000. */
  maxBatchSize?: number;
  /** How far in the future a timestamp may be (clock skew). Default 5 min. */
  maxFutureSkewMs?: number;
  /**
   * How long one-minute buckets are kept before they are rolled up into
   * hours. Measurements older than this are refused, since their minute
   * would already be gone. Default 4 days: the 3-day lookback stays exact.
   */
  minuteRetentionMs?: number;
  /** How long hourly buckets are kept before daily rollup. Default 100 days. */
  hourRetentionMs?: number;
  /** How long daily buckets are kept. Default 400 days. */
  dayRetentionMs?: number;
  /**
   * How much older than its window (at least 30 days) an SLO's history
   * may reach (`reliability.slos.historyMargin`). Default 1 day.
   */
  historyMarginMs?: number;
}

/** One measurement as sent to the API. */
export interface Measurement {
  timestamp: string;
  good: number;
  total: number;
}

/** What a history load did: its range, the buckets written, the status. */
export interface HistoryReplacement {
  from: number;
  to: number;
  buckets: SliBucket[];
  replaced: number;
  status: SloStatusReport;
}

/**
 * SLO behaviour on top of the store: status from bucketed counts, ingest
 * into one-minute buckets, rollups, series for charts, and the deploy gate.
 * The math itself is `evaluateSlo` from the common package.
 */
export class SloService {
  readonly maxBatchSize: number;
  readonly maxFutureSkewMs: number;
  readonly minuteRetentionMs: number;
  private readonly hourRetentionMs: number;
  /** How long daily buckets are kept: the oldest history an SLO holds. */
  readonly dayRetentionMs: number;
  private readonly historyMarginMs: number;

  constructor(private readonly options: SloServiceOptions) {
    this.maxBatchSize = options.maxBatchSize ?? 10_000;
    this.maxFutureSkewMs = options.maxFutureSkewMs ?? 5 * 60_000;
    this.minuteRetentionMs = options.minuteRetentionMs ?? 4 * DAY_MS;
    this.hourRetentionMs = options.hourRetentionMs ?? 100 * DAY_MS;
    this.dayRetentionMs = options.dayRetentionMs ?? 400 * DAY_MS;
    this.historyMarginMs = options.historyMarginMs ?? DAY_MS;
  }

  /** The range of bucket starts one evaluation at `at` needs. */
  private rangeFor(slo: StoredSlo, at: number) {
    const window = sloWindowAt(slo.definition.timeWindow, at);
    // Calendar windows include their first instant (hence − 1).
    const windowFrom =
      window.kind === 'calendar' ? window.start - 1 : window.start;
    // The lookbacks (alert policies' included) are always read.
    const reach = sloLookbackReachMs(slo.definition);
    return { from: Math.min(windowFrom, at - reach), to: at };
  }

  /**
   * The SLO's status at `at` (epoch ms). Occurrences SLOs are summed in the
   * database, window and lookbacks in one query; Timeslices SLOs need
   * their buckets, since slices are judged one by one.
   */
  async statusAt(slo: StoredSlo, at: number): Promise<SloStatusReport> {
    const { stores } = this.options;
    if (slo.definition.budgetingMethod === 'Occurrences') {
      const ranges = sloSumRanges(slo.definition, at);
      const [window, ...rest] = await stores.slos.sumBuckets(slo.id, [
        ranges.window,
        ...BURN_RATE_LOOKBACKS.map(l => ranges.lookbacks[l]),
        ...ranges.policies.flat(),
      ]);
      const lookbacks = rest.slice(0, BURN_RATE_LOOKBACKS.length);
      let next = BURN_RATE_LOOKBACKS.length;
      const asRange = (sum: { good: number; total: number }) => ({
        ...sum,
        bad: 0,
        data: sum.total > 0 ? 1 : 0,
      });
      const sums: SloSums = {
        window: asRange(window),
        lookbacks: Object.fromEntries(
          BURN_RATE_LOOKBACKS.map((l, i) => [l, asRange(lookbacks[i])]),
        ) as SloSums['lookbacks'],
        policies: ranges.policies.map(policy =>
          policy.map(() => asRange(rest[next++])),
        ),
      };
      return evaluateSloFromSums(
        slo.definition,
        sums,
        at,
        this.options.evaluateOptions,
      );
    }
    const { from, to } = this.rangeFor(slo, at);
    const buckets = await stores.slos.readBuckets(slo.id, from, to);
    return evaluateSlo(
      slo.definition,
      buckets,
      at,
      this.options.evaluateOptions,
    );
  }

  /** Recomputes and stores the SLO's current status. */
  async refreshStatus(slo: StoredSlo, now: Date): Promise<SloStatusReport> {
    const report = await this.statusAt(slo, now.getTime());
    await this.options.stores.slos.saveSloStatus(slo.id, report, now);
    return report;
  }

  /** Recomputes every SLO's status: the scheduled repair of drift. */
  async refreshAll(now: Date): Promise<number> {
    const slos = await this.options.stores.slos.listAllSlos();
    // Computed first, then written in transactions of many: one write per
    // SLO would cost more than computing its status.
    for (let i = 0; i < slos.length; i += 500) {
      const page = slos.slice(i, i + 500);
      const statuses: Array<{ sloId: number; report: SloStatusReport }> = [];
      // A few SLOs at a time: on PostgreSQL their window sums overlap in
      // the connection pool instead of waiting one round trip each (on
      // SQLite, whose driver is synchronous, this changes nothing).
      for (let j = 0; j < page.length; j += STATUS_CONCURRENCY) {
        const group = page.slice(j, j + STATUS_CONCURRENCY);
        const reports = await Promise.all(
          group.map(slo => this.statusAt(slo, now.getTime())),
        );
        group.forEach((slo, k) =>
          statuses.push({ sloId: slo.id, report: reports[k] }),
        );
      }
      await this.options.stores.slos.saveSloStatuses(statuses, now);
    }
    return slos.length;
  }

  /**
   * Validates a batch and writes it as one-minute buckets (points in the
   * same minute are summed; a minute sent again replaces the stored one),
   * then refreshes the SLO's status.
   *
   * @throws PayloadTooLargeError over the batch limit
   * @throws InputError naming the first offending point and field
   */
  async ingest(
    slo: StoredSlo,
    incoming: IncomingMeasurement[],
    now: Date,
  ): Promise<{ points: number; buckets: number; status: SloStatusReport }> {
    if (incoming.length > this.maxBatchSize) {
      throw measurementBatchTooLarge(this.maxBatchSize, incoming.length);
    }
    const points = countMeasurements(slo.definition, incoming);
    const latest = now.getTime() + this.maxFutureSkewMs;
    const earliest = now.getTime() - this.minuteRetentionMs;
    const buckets = new Map<
      number,
      { start: number; good: number; total: number }
    >();
    points.forEach((point, index) => {
      const t = Date.parse(point.timestamp);
      if (t > latest) {
        throw new InputError(
          `Invalid measurement [${index}].timestamp: ${
            point.timestamp
          } is more than ${
            this.maxFutureSkewMs / 60_000
          } minutes in the future`,
        );
      }
      if (t < earliest) {
        throw new InputError(
          `Invalid measurement [${index}].timestamp: ${
            point.timestamp
          } is older than ${
            this.minuteRetentionMs / DAY_MS
          } days, where minutes are rolled up into hours: load older history with PUT …/slos/${
            slo.name
          }/history, which replaces whole hours`,
        );
      }
      const start = Math.floor(t / MINUTE_MS) * MINUTE_MS;
      const bucket = buckets.get(start) ?? { start, good: 0, total: 0 };
      bucket.good += point.good;
      bucket.total += point.total;
      buckets.set(start, bucket);
    });
    const written = await this.options.stores.slos.writeMeasurements(slo.id, [
      ...buckets.values(),
    ]);
    const status = await this.refreshStatus(slo, now);
    return { points: points.length, buckets: written, status };
  }

  /** How stored buckets are laid out at `now` (see {@link storedResolutionAt}). */
  resolutionAt(now: number): StoredResolution {
    return storedResolutionAt(
      now,
      this.minuteRetentionMs,
      this.hourRetentionMs,
    );
  }

  /**
   * The first whole hour of the SLO's history horizon at `now`: where a
   * pull of its whole window starts. Never before the hourly retention,
   * so a pull is written per minute or per hour.
   */
  historyStartAt(slo: StoredSlo, now: number): number {
    const horizon = historyHorizonMs(slo.definition, this.historyMarginMs);
    const start = Math.ceil((now - horizon) / HOUR_MS) * HOUR_MS;
    return Math.max(start, this.resolutionAt(now).hourFrom);
  }

  /**
   * Replaces the SLO's measurements over `[from, to)` with `points`, as
   * far back as its history horizon (its window, at least 30 days, and a
   * margin), then refreshes its status. Points are stored at the
   * resolution their age has by now (see {@link historyBuckets}); every
   * bucket in the range is replaced, so loading the same history again
   * changes nothing, and a range without points clears it.
   *
   * @throws PayloadTooLargeError over the batch limit
   * @throws InputError naming `from`, `to` or the first offending point
   */
  async replaceHistory(
    slo: StoredSlo,
    input: { from: string; to: string; points: IncomingMeasurement[] },
    now: Date,
  ): Promise<HistoryReplacement> {
    return this.replaceCountedHistory(
      slo,
      { ...input, points: countMeasurements(slo.definition, input.points) },
      now,
    );
  }

  /**
   * {@link SloService.replaceHistory} of points already counted: a pull of
   * a threshold metric counts its values per minute first, as many series
   * give more values a day than a batch holds.
   */
  async replaceCountedHistory(
    slo: StoredSlo,
    input: { from: string; to: string; points: Measurement[] },
    now: Date,
  ): Promise<HistoryReplacement> {
    if (input.points.length > this.maxBatchSize) {
      throw measurementBatchTooLarge(this.maxBatchSize, input.points.length);
    }
    const at = now.getTime();
    const horizonMs = historyHorizonMs(slo.definition, this.historyMarginMs);
    const { from, to, buckets } = historyBuckets(input, {
      definition: slo.definition,
      resolution: this.resolutionAt(at),
      earliest: at - horizonMs,
      // The minute that holds the clock skew's end, whole.
      latest: Math.ceil((at + this.maxFutureSkewMs) / MINUTE_MS) * MINUTE_MS,
      horizonDays: Math.floor(horizonMs / DAY_MS),
    });
    const replaced = await this.options.stores.slos.replaceBuckets(
      slo.id,
      { from, to },
      buckets,
    );
    const status = await this.refreshStatus(slo, now);
    return { from, to, buckets, replaced, status };
  }

  /**
   * Attainment and budget remaining of the window ending at each step from
   * `from` to `to`, for the chart. Reads the buckets once.
   */
  async series(
    slo: StoredSlo,
    from: number,
    to: number,
    stepMs: number,
  ): Promise<SloSeriesResponse> {
    const first = this.rangeFor(slo, from);
    const buckets = await this.options.stores.slos.readBuckets(
      slo.id,
      first.from,
      to,
    );
    const points: SloSeriesResponse['points'] = [];
    for (let at = from; at <= to; at += stepMs) {
      const report = evaluateSlo(
        slo.definition,
        buckets,
        at,
        this.options.evaluateOptions,
      );
      points.push({
        at: new Date(at).toISOString(),
        attainment: report.attainment,
        budgetRemaining: report.errorBudget.remaining,
      });
    }
    return { points };
  }

  /**
   * Rolls minutes past their retention into hours and hours into days, and
   * drops days past theirs. Timeslices SLOs keep their slice counts.
   */
  async rollUp(
    now: Date,
    /** Only these SLOs, and no day buckets expired (all when absent). */
    sloIds?: number[],
  ): Promise<{ minutes: number; hours: number; days: number }> {
    const { stores } = this.options;
    const sliceCounts = (slo: StoredSlo, buckets: SliBucket[]) =>
      isSlicedSlo(slo.definition)
        ? countTimeSlices(slo.definition, buckets)
        : undefined;
    const minutes = await stores.slos.rollUpBuckets({
      fromMs: MINUTE_MS,
      toMs: HOUR_MS,
      before: now.getTime() - this.minuteRetentionMs,
      sloIds,
      sliceCounts,
    });
    const hours = await stores.slos.rollUpBuckets({
      fromMs: HOUR_MS,
      toMs: DAY_MS,
      before: now.getTime() - this.hourRetentionMs,
      sloIds,
      // Hours carry their slice counts, which this sums; an hour rolled
      // up under another budgeting method is judged as a whole.
      sliceCounts,
    });
    const days = sloIds
      ? 0
      : await stores.slos.deleteBucketsBefore(
          DAY_MS,
          now.getTime() - this.dayRetentionMs,
        );
    this.options.logger.info(
      `SLI rollup: ${minutes} minute buckets into hours, ${hours} hour buckets into days, ${days} day buckets expired`,
    );
    return { minutes, hours, days };
  }
}

/** The 413 for a batch of `count` measurements over `maxBatchSize`. */
export function measurementBatchTooLarge(
  maxBatchSize: number,
  count: number,
): PayloadTooLargeError {
  return new PayloadTooLargeError(
    `A batch holds at most ${maxBatchSize} measurements; this one has ${count}. Split it.`,
  );
}
