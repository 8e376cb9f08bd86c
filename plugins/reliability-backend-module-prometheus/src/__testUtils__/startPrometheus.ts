import { ChildProcess, execFile, spawn } from 'child_process';
import fs from 'fs';
import net from 'net';
import os from 'os';
import path from 'path';
import { promisify } from 'util';

const PROMETHEUS = '/usr/bin/prometheus';
const PROMTOOL = '/usr/bin/promtool';

/** One counter series: its labels and `[ms, value]` samples in time order. */
export interface CounterSeries {
  name: string;
  labels: Record<string, string>;
  samples: Array<[number, number]>;
}

/** A port nothing listens on (the OS's pick, released again). */
export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise(resolve => server.close(resolve));
  return port;
}

/** The series as an OpenMetrics text file (timestamps in seconds). */
export function toOpenMetrics(series: CounterSeries[]): string {
  const lines: string[] = [];
  for (const { name, labels, samples } of series) {
    const labelText = Object.entries(labels)
      .map(([k, v]) => `${k}="${v}"`)
      .join(',');
    for (const [ms, value] of samples) {
      lines.push(`${name}{${labelText}} ${value} ${ms / 1000}`);
    }
  }
  lines.push('# EOF', '');
  return lines.join('\n');
}

async function waitForReady(
  url: string,
  child: ChildProcess,
  log: () => string,
): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error(`prometheus exited (${child.exitCode}):\n${log()}`);
    }
    try {
      const res = await fetch(`${url}/-/ready`);
      if (res.ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise(resolve => setTimeout(resolve, 100));
  }
  throw new Error(`prometheus was not ready within 30 s:\n${log()}`);
}

/**
 * A real Prometheus (Debian's 2.42) serving the given counters: they are
 * backfilled into TSDB blocks with promtool, and Prometheus runs with no
 * scrape jobs on a free local port. Fails, rather than skips, when the
 * binaries are missing: these tests are the point of the package.
 */
export async function startPrometheus(series: CounterSeries[]): Promise<{
  url: string;
  stop(): Promise<void>;
}> {
  for (const binary of [PROMETHEUS, PROMTOOL]) {
    if (!fs.existsSync(binary)) {
      throw new Error(
        `${binary} is missing: these tests run a real Prometheus; install it with 'apt-get install -y prometheus'`,
      );
    }
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'reliability-prom-'));
  const data = path.join(dir, 'data');
  const input = path.join(dir, 'counters.om.txt');
  const configFile = path.join(dir, 'prometheus.yml');
  fs.writeFileSync(input, toOpenMetrics(series));
  fs.writeFileSync(configFile, 'global:\n  scrape_interval: 1m\n');
  await promisify(execFile)(PROMTOOL, [
    'tsdb',
    'create-blocks-from',
    'openmetrics',
    input,
    data,
  ]);

  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(
    PROMETHEUS,
    [
      `--config.file=${configFile}`,
      `--storage.tsdb.path=${data}`,
      '--storage.tsdb.retention.time=100y',
      `--web.listen-address=127.0.0.1:${port}`,
      '--log.level=warn',
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let stderr = '';
  child.stderr!.on('data', chunk => {
    stderr = (stderr + chunk).slice(-4000);
  });
  const stop = async () => {
    if (child.exitCode === null) {
      const exited = new Promise(resolve => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
    fs.rmSync(dir, { recursive: true, force: true });
  };
  try {
    await waitForReady(url, child, () => stderr);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, stop };
}
