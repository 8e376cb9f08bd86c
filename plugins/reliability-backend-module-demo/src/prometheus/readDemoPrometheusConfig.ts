import { Config } from '@backstage/config';
import path from 'path';

const KEY = 'reliability.demoData.prometheus';

/** `reliability.demoData.prometheus`, checked, with the server it serves. */
export interface DemoPrometheusConfig {
  /** The name of the `reliability.prometheus.servers` entry it serves. */
  server: string;
  /** That server's baseUrl, without the trailing slash. */
  url: string;
  /** `host:port` from the baseUrl, where Prometheus listens. */
  listenAddress: string;
  /** Absolute: the folder its TSDB and config live in. */
  directory: string;
  prometheusPath: string;
  promtoolPath: string;
}

function invalid(key: string, why: string): Error {
  return new Error(`Invalid config '${key}': ${why}`);
}

function readBinary(demo: Config, key: string, fallback: string): string {
  const value = demo.getOptionalString(key) ?? fallback;
  if (!path.isAbsolute(value)) {
    throw invalid(`${KEY}.${key}`, `must be an absolute path, not '${value}'`);
  }
  return value;
}

const LOOPBACK_HOSTS = ['127.0.0.1', 'localhost', '[::1]'];

/**
 * Reads `reliability.demoData.prometheus`: whether the demo starts a local
 * Prometheus, and for which server of `reliability.prometheus.servers`
 * (it listens where that server's baseUrl points, which must be a
 * loopback address with a port). Undefined when the block is absent or
 * `enabled: false`. Throws an `Error` naming the key of a bad value.
 */
export function readDemoPrometheusConfig(
  config: Config,
): DemoPrometheusConfig | undefined {
  const demo = config.getOptionalConfig(KEY);
  if (!demo || demo.getOptionalBoolean('enabled') === false) {
    return undefined;
  }
  const server = demo.getString('server');
  const servers = config.getOptionalConfigArray(
    'reliability.prometheus.servers',
  );
  const index = (servers ?? []).findIndex(
    s => s.getOptionalString('name') === server,
  );
  if (index < 0) {
    throw invalid(
      `${KEY}.server`,
      `'${server}' is not the name of one of reliability.prometheus.servers`,
    );
  }
  const urlKey = `reliability.prometheus.servers[${index}].baseUrl`;
  const raw = servers![index].getString('baseUrl');
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw invalid(urlKey, `is not a URL: '${raw}'`);
  }
  if (
    url.protocol !== 'http:' ||
    !LOOPBACK_HOSTS.includes(url.hostname) ||
    !url.port ||
    (url.pathname !== '/' && url.pathname !== '')
  ) {
    throw invalid(
      urlKey,
      `the demo's Prometheus (${KEY}.server) listens on loopback only: use http://127.0.0.1:<port>, not '${raw}'`,
    );
  }
  const directory = demo.getString('directory');
  return {
    server,
    url: `http://${url.host}`,
    listenAddress: url.host,
    directory: path.resolve(directory),
    prometheusPath: readBinary(demo, 'prometheusPath', '/usr/bin/prometheus'),
    promtoolPath: readBinary(demo, 'promtoolPath', '/usr/bin/promtool'),
  };
}
