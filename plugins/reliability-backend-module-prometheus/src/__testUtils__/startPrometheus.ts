import {
  CounterSeries,
  startLocalPrometheus,
} from '@reliability-suite/plugin-reliability-backend-module-demo';
import fs from 'fs';
import net from 'net';
import os from 'os';
import path from 'path';

export type { CounterSeries };

const PROMETHEUS = '/usr/bin/prometheus';
const PROMTOOL = '/usr/bin/promtool';

/** A port nothing listens on (the OS's pick, released again). */
export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise(resolve => server.close(resolve));
  return port;
}

/**
 * A real Prometheus (Debian's 2.42) serving the given counters, through
 * the demo module's local Prometheus (backfilled with promtool, no scrape
 * jobs) on a free local port in a temporary folder. Fails, rather than
 * skips, when the binaries are missing: these tests are the point of the
 * package.
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
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'reliability-prom-'));
  try {
    const prometheus = await startLocalPrometheus({
      prometheusPath: PROMETHEUS,
      promtoolPath: PROMTOOL,
      directory,
      listenAddress: `127.0.0.1:${await freePort()}`,
      series,
    });
    return {
      url: prometheus.url,
      async stop() {
        await prometheus.stop();
        fs.rmSync(directory, { recursive: true, force: true });
      },
    };
  } catch (error) {
    fs.rmSync(directory, { recursive: true, force: true });
    throw error;
  }
}
