export interface Config {
  reliability?: {
    /**
     * Prometheus servers SLI counts are pulled from (this module). An SLO
     * is pulled when both its good and total metric sources have
     * `type: Prometheus`, a `spec.query`, and name a server here (by
     * `metricSourceRef` or `spec.server`) or `defaultServer` is set.
     */
    prometheus?: {
      servers?: Array<{
        /** Unique name, as SLO files name it in `metricSourceRef`. */
        name: string;
        /**
         * The Prometheus root URL, e.g. `http://prometheus:9090` (a path
         * prefix is kept). http(s) only, no credentials in the URL: use
         * `headers`.
         */
        baseUrl: string;
        /**
         * Headers sent with every query, e.g. `Authorization`. Never logged
         * or shown in errors.
         * @visibility secret
         * @deepVisibility secret
         */
        headers?: { [name: string]: string };
        /**
         * How long one query may take: an ISO duration (`PT30S`) or
         * milliseconds. Default 10 seconds.
         */
        timeout?: string | number;
      }>;
      /** The server of SLOs that name none. Default: such SLOs are pushed. */
      defaultServer?: string;
    };
  };
}
