import { Config } from '@backstage/config';
import { Duration } from 'luxon';

/** The config key everything here lives under. */
const KEY = 'reliability.prometheus';

/** Default time one query may take. */
export const DEFAULT_TIMEOUT_MS = 10_000;

/**
 * One Prometheus server, as read from
 * `reliability.prometheus.servers[i]`.
 *
 * @public
 */
export interface PrometheusServerConfig {
  name: string;
  /** The root URL, always ending in `/` so paths resolve under it. */
  baseUrl: string;
  headers: Record<string, string>;
  timeoutMs: number;
  /** Its config key, e.g. `reliability.prometheus.servers[0]`, for errors. */
  configKey: string;
}

/**
 * `reliability.prometheus`, validated.
 *
 * @public
 */
export interface PrometheusConfig {
  servers: PrometheusServerConfig[];
  defaultServer?: string;
}

function invalid(key: string, why: string): Error {
  return new Error(`Invalid config '${key}': ${why}`);
}

// RFC 9110 token: what a header name may be.
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
// Header values must not contain control characters (CR/LF would split
// the request). The value itself is never echoed: it is usually a secret.
function isHeaderValue(value: string): boolean {
  for (const char of value) {
    const code = char.charCodeAt(0);
    if ((code < 0x20 && code !== 0x09) || code === 0x7f) return false;
  }
  return true;
}

function readBaseUrl(raw: unknown, key: string): string {
  if (typeof raw !== 'string' || raw.trim() === '') {
    throw invalid(key, 'must be a URL such as http://prometheus:9090');
  }
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw invalid(key, 'is not a URL (e.g. http://prometheus:9090)');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw invalid(key, `must be http or https, not ${url.protocol}`);
  }
  // Credentials in a URL end up in logs and error messages; headers don't.
  if (url.username || url.password) {
    throw invalid(
      key,
      'must not contain credentials; put them in headers (e.g. Authorization)',
    );
  }
  if (url.search || url.hash) {
    throw invalid(key, 'must not have a query string or fragment');
  }
  return canonicalUrl(url);
}

/**
 * A URL as `baseUrl`s are kept (its path ending in `/`, so paths resolve
 * under it), so that two spellings of one server compare equal.
 */
export function canonicalUrl(url: URL): string {
  const copy = new URL(url.href);
  if (!copy.pathname.endsWith('/')) copy.pathname += '/';
  return copy.toString();
}

function readTimeout(raw: unknown, key: string): number {
  if (raw === undefined) return DEFAULT_TIMEOUT_MS;
  let ms: number;
  if (typeof raw === 'number') {
    ms = raw;
  } else if (typeof raw === 'string' && /^\d+$/.test(raw.trim())) {
    ms = Number(raw.trim());
  } else if (typeof raw === 'string') {
    const duration = Duration.fromISO(raw.trim());
    if (!duration.isValid) {
      throw invalid(
        key,
        'must be an ISO duration (e.g. PT30S) or a number of milliseconds',
      );
    }
    ms = duration.toMillis();
  } else {
    throw invalid(
      key,
      'must be an ISO duration (e.g. PT30S) or a number of milliseconds',
    );
  }
  if (!Number.isFinite(ms) || ms <= 0 || ms > 600_000) {
    throw invalid(key, 'must be more than 0 and at most 10 minutes');
  }
  return ms;
}

function readHeaders(raw: unknown, key: string): Record<string, string> {
  if (raw === undefined) return {};
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw invalid(key, 'must be a map of header names to values');
  }
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(raw)) {
    if (!HEADER_NAME.test(name)) {
      throw invalid(`${key}.${name}`, 'is not a valid header name');
    }
    if (typeof value !== 'string' || !isHeaderValue(value)) {
      throw invalid(
        `${key}.${name}`,
        'must be a string without line breaks or control characters',
      );
    }
    headers[name] = value;
  }
  return headers;
}

/**
 * Reads and checks `reliability.prometheus`; throws an `Error` naming the
 * key of the first bad value, so a typo stops the backend at start-up
 * instead of showing up later as a failed pull. Missing config means no
 * servers (every SLO stays push-only).
 *
 * @public
 */
export function readPrometheusConfig(config: Config): PrometheusConfig {
  const root = config.getOptional(KEY);
  if (root === undefined) return { servers: [] };
  if (typeof root !== 'object' || root === null || Array.isArray(root)) {
    throw invalid(KEY, 'must be an object with servers');
  }
  const { servers: rawServers = [], defaultServer } = root as Record<
    string,
    unknown
  >;
  if (!Array.isArray(rawServers)) {
    throw invalid(`${KEY}.servers`, 'must be a list of servers');
  }
  const servers = rawServers.map((raw, index): PrometheusServerConfig => {
    const configKey = `${KEY}.servers[${index}]`;
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
      throw invalid(configKey, 'must be an object with name and baseUrl');
    }
    const server = raw as Record<string, unknown>;
    const name = server.name;
    if (typeof name !== 'string' || !/^[A-Za-z0-9][\w.-]{0,62}$/.test(name)) {
      throw invalid(
        `${configKey}.name`,
        'must be 1-63 letters, digits, ".", "_" or "-", starting with a letter or digit',
      );
    }
    const known = Object.keys(server).filter(
      k => !['name', 'baseUrl', 'headers', 'timeout'].includes(k),
    );
    if (known.length) {
      throw invalid(`${configKey}.${known[0]}`, 'is not a known setting');
    }
    return {
      name,
      baseUrl: readBaseUrl(server.baseUrl, `${configKey}.baseUrl`),
      headers: readHeaders(server.headers, `${configKey}.headers`),
      timeoutMs: readTimeout(server.timeout, `${configKey}.timeout`),
      configKey,
    };
  });
  servers.forEach((server, index) => {
    if (servers.findIndex(s => s.name === server.name) !== index) {
      throw invalid(
        `${server.configKey}.name`,
        `'${server.name}' is already the name of another server`,
      );
    }
  });
  if (defaultServer !== undefined) {
    if (
      typeof defaultServer !== 'string' ||
      !servers.some(s => s.name === defaultServer)
    ) {
      throw invalid(
        `${KEY}.defaultServer`,
        'must be the name of one of reliability.prometheus.servers',
      );
    }
  }
  return { servers, defaultServer };
}
