import { LoggerService } from '@backstage/backend-plugin-api';
import fs from 'fs';
import { DAY_MS, HOUR_MS } from '../demoClock';
import { DEMO_COUNTER, demoCheckoutCounters } from './demoCheckoutCounters';
import { DemoPrometheusConfig } from './readDemoPrometheusConfig';
import { LocalPrometheus, startLocalPrometheus } from './startLocalPrometheus';

/**
 * The demo's local Prometheus: at backend start, `days` of the demo
 * checkout's order counters (and an hour more, for the pull's baselines)
 * backfilled with promtool, served by Debian's prometheus where the
 * configured server points. The history ends at the start; nothing
 * scrapes it, so a restart brings it up to date. Without the binaries it
 * warns, once, how to install them: the portal runs on, and the SLOs
 * pulled from that server show the failed pull on their cards.
 */
export class DemoPrometheus {
  private running?: LocalPrometheus;
  private starting?: Promise<unknown>;

  constructor(
    private readonly options: {
      config: DemoPrometheusConfig;
      days: number;
      logger: LoggerService;
    },
  ) {}

  /**
   * Starts it without waiting (the backfill takes seconds); failures are
   * logged, never thrown: the demo portal does not need it to run.
   */
  startInBackground(now: Date = new Date()): void {
    this.starting = this.start(now).catch(error => {
      this.options.logger.error(
        `Demo data: the demo Prometheus '${
          this.options.config.server
        }' did not start: ${(error as Error).message}`,
      );
    });
  }

  /**
   * Backfills and starts Prometheus; resolves once it answers (false,
   * after the warning, when a binary is missing).
   */
  async start(now: Date = new Date()): Promise<boolean> {
    const { config, days, logger } = this.options;
    const missing = [config.prometheusPath, config.promtoolPath].filter(
      binary => !fs.existsSync(binary),
    );
    if (missing.length > 0) {
      logger.warn(
        `Demo data: ${missing.join(
          ' and ',
        )} not found, so the demo Prometheus '${config.server}' (${
          config.url
        }) is not started and the SLOs pulled from it show a failed pull. Install it with 'apt-get install prometheus' (Debian, Ubuntu), or set reliability.demoData.prometheus.enabled: false`,
      );
      return false;
    }
    const started = Date.now();
    const anchorMs = now.getTime();
    this.running = await startLocalPrometheus({
      prometheusPath: config.prometheusPath,
      promtoolPath: config.promtoolPath,
      directory: config.directory,
      listenAddress: config.listenAddress,
      series: demoCheckoutCounters({
        fromMs: anchorMs - days * DAY_MS - HOUR_MS,
        toMs: anchorMs,
        anchorMs,
      }),
    });
    logger.info(
      `Demo data: Prometheus '${
        config.server
      }' serves ${days} days of ${DEMO_COUNTER} at ${
        config.url
      } (${this.running.samples.toLocaleString(
        'en-US',
      )} samples backfilled into ${config.directory}, ready in ${(
        (Date.now() - started) /
        1000
      ).toFixed(1)} s)`,
    );
    return true;
  }

  /** Stops the process, after a start still under way. */
  async stop(): Promise<void> {
    await this.starting;
    await this.running?.stop();
    this.running = undefined;
  }
}
