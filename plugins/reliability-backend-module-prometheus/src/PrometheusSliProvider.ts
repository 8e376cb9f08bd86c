import { LoggerService } from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import {
  SliAnswer,
  SliMetricSource,
  SliProvider,
  SliRequest,
  SliValueAnswer,
  SliValueRequest,
} from '@reliability-suite/plugin-reliability-node';
import { CounterIncreases, GAP_BRIDGE_MS, MINUTE_MS } from './CounterIncreases';
import { parsePrometheusValue, PrometheusClient } from './PrometheusClient';
import {
  PrometheusConfig,
  canonicalUrl,
  PrometheusServerConfig,
  readPrometheusConfig,
} from './readPrometheusConfig';

/**
 * Most points one range query asks per series. Prometheus refuses more
 * than 11,000; staying well below leaves room for proxies with lower
 * limits.
 */
export const MAX_POINTS_PER_QUERY = 10_000;

type Resolved =
  | { ok: true; server: PrometheusServerConfig; query: string }
  | { ok: false; reason: string };

/**
 * Pulls SLI counts from Prometheus: for an SLO whose good and total metric
 * sources are Prometheus queries of raw counters on a configured server,
 * the events per bucket, from the counters' increases (the package README
 * says how resets, gaps and new series count).
 *
 * @public
 */
export class PrometheusSliProvider implements SliProvider {
  readonly id = 'prometheus';
  private readonly servers: Map<string, PrometheusServerConfig>;
  private readonly clients = new Map<string, PrometheusClient>();

  /** Reads `reliability.prometheus` (throws naming a bad key). */
  static fromConfig(
    config: Config,
    options: { logger?: LoggerService } = {},
  ): PrometheusSliProvider {
    return new PrometheusSliProvider({
      ...options,
      config: readPrometheusConfig(config),
    });
  }

  constructor(
    private readonly options: {
      config: PrometheusConfig;
      logger?: LoggerService;
    },
  ) {
    this.servers = new Map(options.config.servers.map(s => [s.name, s]));
    for (const server of options.config.servers) {
      this.clients.set(server.name, new PrometheusClient(server));
    }
  }

  handles(good: SliMetricSource, total: SliMetricSource): boolean {
    return this.resolve(good).ok && this.resolve(total).ok;
  }

  handlesValues(metric: SliMetricSource): boolean {
    return this.resolve(metric).ok;
  }

  /**
   * A threshold metric's values, a sample a minute. As with a counter's
   * increase, the sample at `t` describes the minute before it: Prometheus
   * is asked from `from + 1 min` to `to`, and each sample goes to the
   * minute it closes. Every series gives its own value, one event each;
   * NaN samples (e.g. a quantile of no requests) are no events.
   */
  async fetchValues(request: SliValueRequest): Promise<SliValueAnswer> {
    const { from, to, signal } = request;
    if (from % MINUTE_MS !== 0 || to % MINUTE_MS !== 0) {
      throw new Error(
        `Prometheus SLI pull asked for an unaligned range (from ${from}, to ${to})`,
      );
    }
    if (to <= from) return { points: [] };
    const side = this.resolveOrThrow(request.metric, 'threshold metric');
    const client = this.clients.get(side.server.name)!;
    const points: SliValueAnswer['points'] = [];
    const span = (MAX_POINTS_PER_QUERY - 1) * MINUTE_MS;
    for (let start = from + MINUTE_MS; start <= to; start += span + MINUTE_MS) {
      const series = await client.queryRange({
        query: side.query,
        startMs: start,
        endMs: Math.min(start + span, to),
        stepMs: MINUTE_MS,
        what: 'threshold metric values',
        signal,
        samples: 'values',
      });
      for (const { values } of series) {
        for (const [seconds, raw] of values) {
          const value = parsePrometheusValue(raw);
          if (Number.isNaN(value)) continue;
          points.push({
            timestamp: Math.round(seconds * 1000) - MINUTE_MS,
            value,
          });
        }
      }
    }
    return { points };
  }

  async fetchCounts(request: SliRequest): Promise<SliAnswer> {
    const { from, to, stepMs, signal } = request;
    if (
      stepMs <= 0 ||
      stepMs % MINUTE_MS !== 0 ||
      from % stepMs !== 0 ||
      to % stepMs !== 0
    ) {
      throw new Error(
        `Prometheus SLI pull asked for an unaligned range (from ${from}, to ${to}, step ${stepMs} ms)`,
      );
    }
    if (to <= from) return { buckets: [] };
    const good = this.resolveOrThrow(request.good, 'good');
    const total = this.resolveOrThrow(request.total, 'total');

    // One failing side stops the other: its answer would be thrown away.
    const controller = new AbortController();
    const both = AbortSignal.any([signal, controller.signal]);
    const sum = (side: typeof good, what: string) =>
      this.sumIncreases(side, what, { from, to, stepMs }, both).catch(e => {
        controller.abort();
        throw e;
      });
    const [goodSums, totalSums] = await Promise.all([
      sum(good, 'good events'),
      sum(total, 'total events'),
    ]);

    const starts = new Set([...goodSums.keys(), ...totalSums.keys()]);
    const buckets: SliAnswer['buckets'] = [];
    for (const start of [...starts].sort((a, b) => a - b)) {
      // Whole events: integer counters give integer sums; rounding only
      // smooths float noise (and fractional counters, which are not events).
      const t = Math.round(totalSums.get(start) ?? 0);
      // Good above total happens when the two queries see scrapes at
      // slightly different instants (or good counts a series total lacks):
      // clamp, since a bucket cannot be better than all good.
      const g = Math.min(Math.round(goodSums.get(start) ?? 0), t);
      if (t > 0) buckets.push({ start, good: g, total: t });
    }
    return { buckets };
  }

  /**
   * One side's increases per bucket. Prometheus is asked at a 1-minute
   * step whatever `stepMs` is, so a counter reset inside an hour is seen;
   * the query starts `GAP_BRIDGE_MS` early for the baselines, ends
   * at `to` (the sample at `to` closes the last minute), and is cut in
   * chunks of at most `MAX_POINTS_PER_QUERY` points, asked in order.
   */
  private async sumIncreases(
    side: { server: PrometheusServerConfig; query: string },
    what: string,
    range: { from: number; to: number; stepMs: number },
    signal: AbortSignal,
  ): Promise<Map<number, number>> {
    const client = this.clients.get(side.server.name)!;
    const increases = new CounterIncreases({
      from: range.from,
      to: range.to,
      bucketMs: range.stepMs,
    });
    const span = (MAX_POINTS_PER_QUERY - 1) * MINUTE_MS;
    for (
      let start = range.from - GAP_BRIDGE_MS;
      start <= range.to;
      start += span + MINUTE_MS
    ) {
      const series = await client.queryRange({
        query: side.query,
        startMs: start,
        endMs: Math.min(start + span, range.to),
        stepMs: MINUTE_MS,
        what,
        signal,
      });
      increases.add(series);
    }
    return increases.buckets();
  }

  private resolveOrThrow(source: SliMetricSource, side: string) {
    const resolved = this.resolve(source);
    if (!resolved.ok) {
      throw new Error(
        `Cannot pull ${side} events from Prometheus: ${resolved.reason}`,
      );
    }
    return resolved;
  }

  /**
   * The server and query of one metric source. With an OpenSLO DataSource
   * document, the server is the one its `connectionDetails.server` names,
   * or the one whose `baseUrl` is its `connectionDetails.url`; without
   * one, the server named by `metricSourceRef`, else by `spec.server`,
   * else `defaultServer`. A source naming a server that is not configured
   * is not ours (it is not sent to the default instead): only configured
   * servers are ever contacted, whatever URL a file names.
   */
  private resolve(source: SliMetricSource): Resolved {
    if (source?.type?.toLowerCase() !== 'prometheus') {
      return {
        ok: false,
        reason: 'the metric source is not of type Prometheus',
      };
    }
    const spec = source.spec as { query?: unknown; server?: unknown } | null;
    const query = spec && typeof spec === 'object' ? spec.query : undefined;
    if (typeof query !== 'string' || query.trim() === '') {
      return { ok: false, reason: 'the metric source has no spec.query' };
    }
    if (source.dataSource) {
      const server = this.serverOfDataSource(source.dataSource);
      return 'reason' in server
        ? { ok: false, reason: server.reason }
        : { ok: true, server, query };
    }
    const named =
      source.metricSourceRef ??
      (typeof spec?.server === 'string' ? spec.server : undefined);
    const name = named ?? this.options.config.defaultServer;
    if (name === undefined) {
      return {
        ok: false,
        reason:
          'the metric source names no server (metricSourceRef) and reliability.prometheus.defaultServer is not set',
      };
    }
    const server = this.servers.get(name);
    if (!server) {
      return {
        ok: false,
        reason: `no server named '${name}' in reliability.prometheus.servers`,
      };
    }
    return { ok: true, server, query };
  }

  /** The configured server an OpenSLO DataSource document points to. */
  private serverOfDataSource(
    dataSource: NonNullable<SliMetricSource['dataSource']>,
  ): PrometheusServerConfig | { reason: string } {
    const details = dataSource.connectionDetails as {
      server?: unknown;
      url?: unknown;
    } | null;
    const which = `DataSource '${dataSource.name}'`;
    if (typeof details?.server === 'string') {
      return (
        this.servers.get(details.server) ?? {
          reason: `${which} names the server '${details.server}', which is not in reliability.prometheus.servers`,
        }
      );
    }
    if (typeof details?.url === 'string') {
      const url = withSlash(details.url);
      const server = [...this.servers.values()].find(s => s.baseUrl === url);
      return (
        server ?? {
          reason: `${which} has the url ${details.url}, which is the baseUrl of no server in reliability.prometheus.servers (only configured servers are contacted)`,
        }
      );
    }
    return {
      reason: `${which} says no server: give connectionDetails.server (a server in reliability.prometheus.servers) or connectionDetails.url (its baseUrl)`,
    };
  }
}

/** A URL from a file as `baseUrl`s are kept, or undefined if it is none. */
function withSlash(url: string): string | undefined {
  try {
    return canonicalUrl(new URL(url.trim()));
  } catch {
    return undefined;
  }
}
