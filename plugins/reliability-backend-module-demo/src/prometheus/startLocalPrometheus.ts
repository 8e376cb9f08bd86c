import { execFile, spawn } from 'child_process';
import fs from 'fs';
import path from 'path';
import { promisify } from 'util';
import { CounterSeries, toOpenMetrics } from './openMetrics';

/** How long Prometheus may take to load its blocks and answer `/-/ready`. */
const READY_TIMEOUT_MS = 30_000;

/**
 * Where the binaries are and where Prometheus listens and keeps its data.
 *
 * @public
 */
export interface LocalPrometheusOptions {
  /** The `prometheus` binary, e.g. Debian's `/usr/bin/prometheus`. */
  prometheusPath: string;
  /** The `promtool` binary, e.g. `/usr/bin/promtool`. */
  promtoolPath: string;
  /**
   * A folder this owns: its `tsdb` folder, `counters.om.txt` and
   * `prometheus.yml` are replaced on every start.
   */
  directory: string;
  /** `host:port` to listen on, e.g. `127.0.0.1:9464`. */
  listenAddress: string;
  /** The history to serve: backfilled before Prometheus starts. */
  series: CounterSeries[];
}

/**
 * A running local Prometheus.
 *
 * @public
 */
export interface LocalPrometheus {
  /** Its root URL, e.g. `http://127.0.0.1:9464`. */
  url: string;
  /** How many samples were backfilled. */
  samples: number;
  /** Ends the process (SIGTERM) and waits for it to exit. */
  stop(): Promise<void>;
}

async function waitForReady(
  url: string,
  /** Why the process is gone, once it is; otherwise undefined. */
  gone: () => string | undefined,
  log: () => string,
): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    const why = gone();
    if (why) {
      throw new Error(`prometheus ${why}: ${log()}`);
    }
    try {
      const res = await fetch(`${url}/-/ready`);
      if (res.ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise(resolve => setTimeout(resolve, 100));
  }
  throw new Error(
    `prometheus was not ready within ${READY_TIMEOUT_MS / 1000} s: ${log()}`,
  );
}

/**
 * Starts a Prometheus (Debian's 2.42 and later) that serves the given
 * counter history and nothing else: the series are backfilled into TSDB
 * blocks with `promtool tsdb create-blocks-from openmetrics`, then
 * `prometheus` runs over them with no scrape jobs. Nothing is downloaded.
 * Resolves once it answers `/-/ready`; rejects (with Prometheus's last
 * log lines) if it exits or is not ready within 30 s.
 *
 * @public
 */
export async function startLocalPrometheus(
  options: LocalPrometheusOptions,
): Promise<LocalPrometheus> {
  const { prometheusPath, promtoolPath, directory, listenAddress } = options;
  const data = path.join(directory, 'tsdb');
  const input = path.join(directory, 'counters.om.txt');
  const configFile = path.join(directory, 'prometheus.yml');
  fs.mkdirSync(directory, { recursive: true });
  // A fresh history every start: the blocks of a previous one would
  // overlap it.
  fs.rmSync(data, { recursive: true, force: true });
  fs.writeFileSync(input, toOpenMetrics(options.series));
  fs.writeFileSync(configFile, 'global:\n  scrape_interval: 1m\n');
  await promisify(execFile)(
    promtoolPath,
    [
      'tsdb',
      'create-blocks-from',
      'openmetrics',
      // Few large blocks rather than one per 2 hours: Prometheus opens
      // them faster and has nothing to compact.
      '--max-block-duration=486h',
      input,
      data,
    ],
    { maxBuffer: 16 * 1024 * 1024 },
  );
  fs.rmSync(input, { force: true });

  const url = `http://${listenAddress}`;
  const child = spawn(
    prometheusPath,
    [
      `--config.file=${configFile}`,
      `--storage.tsdb.path=${data}`,
      '--storage.tsdb.retention.time=100y',
      `--web.listen-address=${listenAddress}`,
      '--log.level=warn',
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let stderr = '';
  child.stderr!.on('data', chunk => {
    stderr = (stderr + chunk).slice(-4000);
  });
  // A spawn failure (ENOENT, EACCES) arrives as an event, not a throw.
  let spawnError: Error | undefined;
  child.once('error', error => {
    spawnError = error;
  });
  const exited = new Promise<void>(resolve => child.once('close', resolve));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null && !spawnError) {
      child.kill('SIGTERM');
      await exited;
    }
  };
  try {
    await waitForReady(
      url,
      () => {
        if (spawnError) return `could not start (${spawnError.message})`;
        if (child.exitCode !== null) return `exited (${child.exitCode})`;
        return undefined;
      },
      () => stderr.trim(),
    );
  } catch (error) {
    await stop();
    throw error;
  }
  const samples = options.series.reduce((n, s) => n + s.samples.length, 0);
  return { url, samples, stop };
}
