export interface Config {
  reliability?: {
    /**
     * The demo portal's data (this module): synthetic measurements for the
     * SLOs listed, rotations, incidents, readiness reviews and trends.
     * Off unless enabled; never for production.
     */
    demoData?: {
      enabled?: boolean;
      /** How many days of history to generate. Default 30. */
      days?: number;
      slos?: Array<{
        /** Entity ref of the SLO's entity, e.g. component:default/checkout-api. */
        entity: string;
        /** The SLO's metadata.name. */
        slo: string;
        /** Mean requests per minute. */
        requestsPerMinute: number;
        /** Share of bad events outside incidents, e.g. 0.0003. */
        errorRate: number;
        /** Periods of worse error rates, as ISO durations before now. */
        incidents?: Array<{ from: string; to: string; errorRate: number }>;
      }>;
      /**
       * A local Prometheus for the demo's Prometheus-backed SLO: at
       * backend start, `days` of made-up checkout order counters are
       * backfilled with promtool into `directory` and served by
       * prometheus where the named server's baseUrl points (a loopback
       * address with a port). Skipped, with a warning, when a binary is
       * missing; nothing is downloaded.
       */
      prometheus?: {
        /** Default true when this block is present. */
        enabled?: boolean;
        /** The name of one of reliability.prometheus.servers. */
        server: string;
        /** Its TSDB and config; replaced at every start. */
        directory: string;
        /** Default /usr/bin/prometheus (Debian's package). */
        prometheusPath?: string;
        /** Default /usr/bin/promtool. */
        promtoolPath?: string;
      };
      /**
       * On-call rotations written once, when there are none; the
       * fields of `PUT /rotations/{id}` plus `id`, and overrides placed
       * relative to the start (`startedAgo`, `lasts`: ISO durations).
       */
      rotations?: Array<{
        id: string;
        name: string;
        team: string;
        timeZone: string;
        handoffAnchor: string;
        shiftLength: string;
        levels: Array<{ users: string[]; shiftLength?: string }>;
        overrides?: Array<{
          user: string;
          startedAgo: string;
          lasts: string;
          level?: number;
        }>;
      }>;
    };
  };
}
