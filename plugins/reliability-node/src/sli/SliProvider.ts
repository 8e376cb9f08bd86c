import { SloDefinition } from '@reliability-suite/plugin-reliability-common';

/**
 * One side of an SLO's indicator as its OpenSLO file names it:
 * `indicator.spec.ratioMetric.good.metricSource` (or `total`).
 *
 * @public
 */
export interface SliMetricSource {
  /** `metricSource.type`, e.g. `Prometheus`. */
  type?: string;
  /** `metricSource.metricSourceRef`: a data source (server) by name. */
  metricSourceRef?: string;
  /** `metricSource.spec`, as the provider defines it (e.g. `{ query }`). */
  spec?: unknown;
  /**
   * The OpenSLO `DataSource` document of the SLO's file that
   * `metricSourceRef` names, when there is one: its `type` is then also
   * the source's `type`, and its `connectionDetails` say where to connect,
   * as the provider defines them. Absent when `metricSourceRef` names no
   * document (the provider may know the name, e.g. a configured server).
   */
  dataSource?: { name: string; type: string; connectionDetails?: unknown };
}

/**
 * What an SLI provider is asked: good and total events of one SLO per
 * bucket of `stepMs` over `[from, to)`. `from` and `to` are multiples of
 * `stepMs`; the answer's buckets start at multiples of it too.
 *
 * @public
 */
export interface SliRequest {
  entityRef: string;
  slo: SloDefinition;
  good: SliMetricSource;
  total: SliMetricSource;
  from: number;
  to: number;
  /** One minute, or one hour for history older than the minute buckets. */
  stepMs: number;
  /** Aborted when the pull's time is up. */
  signal: AbortSignal;
}

/**
 * A provider's counts: one entry per bucket that had events (a bucket
 * left out had none). Counts are whole events, `0 ≤ good ≤ total`.
 *
 * @public
 */
export interface SliAnswer {
  buckets: Array<{ start: number; good: number; total: number }>;
}

/**
 * What an SLI provider is asked for a `thresholdMetric` SLI: the metric's
 * values over `[from, to)` (whole minutes), a sample per minute. The
 * backend counts every sample as one event, good when it meets the
 * objective's `op` and `value`, so a provider never judges values itself.
 *
 * @public
 */
export interface SliValueRequest {
  entityRef: string;
  slo: SloDefinition;
  /** `indicator.spec.thresholdMetric.metricSource`. */
  metric: SliMetricSource;
  from: number;
  to: number;
  /** Aborted when the pull's time is up. */
  signal: AbortSignal;
}

/**
 * A provider's values: each describes the minute starting at `timestamp`
 * (epoch milliseconds, a whole minute in `[from, to)`). Several series give
 * several values a minute, one event each; a minute without values had no
 * events. Values are finite numbers or ±Infinity; a sample without a value
 * (NaN) is left out.
 *
 * @public
 */
export interface SliValueAnswer {
  points: Array<{ timestamp: number; value: number }>;
}

/**
 * A source SLI counts are pulled from (Prometheus, …). The reliability
 * backend asks it on a schedule for the minutes since the SLO's last pull,
 * and for an SLO's whole window when the SLO is created or changed; it
 * stores the answer as the SLO's measurements over exactly that range, so
 * asking again for the same range changes nothing.
 *
 * @public
 */
export interface SliProvider {
  /** Named on the SLO card as its source, e.g. `prometheus`. */
  readonly id: string;
  /**
   * Whether this provider answers for an SLO with these metric sources
   * (e.g. `type: Prometheus` naming a configured server). SLOs no provider
   * claims are pushed through the API.
   */
  handles(good: SliMetricSource, total: SliMetricSource): boolean;
  /**
   * Good and total per bucket. Throw an `Error` whose message says what
   * went wrong (server unreachable, token refused, query invalid): it is
   * shown on the SLO's card until a pull succeeds.
   */
  fetchCounts(request: SliRequest): Promise<SliAnswer>;
  /**
   * For providers that also serve threshold metrics: whether this one
   * answers for an SLO whose `thresholdMetric` has this metric source.
   */
  handlesValues?(metric: SliMetricSource): boolean;
  /** The values of a threshold metric, per minute (see {@link SliValueAnswer}). */
  fetchValues?(request: SliValueRequest): Promise<SliValueAnswer>;
}
