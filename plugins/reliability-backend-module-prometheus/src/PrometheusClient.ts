import { z } from 'zod/v3';
import { PrometheusServerConfig } from './readPrometheusConfig';

/** One series of a range query: its labels and `[seconds, value]` samples. */
export interface PrometheusSeries {
  metric: Record<string, string>;
  values: Array<[number, string]>;
}

// What /api/v1/query_range answers; anything else is refused before use.
// Values are strings in Prometheus's JSON ("12", "NaN", "+Inf").
const rangeAnswer = z.object({
  status: z.literal('success'),
  data: z.object({
    resultType: z.literal('matrix'),
    result: z.array(
      z.object({
        metric: z.record(z.string()),
        values: z.array(z.tuple([z.number(), z.string()])),
      }),
    ),
  }),
});

// Prometheus's error envelope, for 4xx/5xx answers.
const errorAnswer = z.object({
  status: z.literal('error'),
  errorType: z.string().optional(),
  error: z.string().optional(),
});

/** Longest piece of a server's own text an error message quotes. */
const MAX_QUOTE = 300;

function seconds(ms: number): string {
  return `${Number((ms / 1000).toFixed(3))} s`;
}

/**
 * Range queries against one configured Prometheus server. Only its
 * `baseUrl` is ever contacted: the query travels in the POST body, so
 * nothing from an SLO file becomes part of a URL; redirects are errors,
 * never followed (a redirect could send the headers elsewhere). Errors are
 * meant for people (they are shown on the SLO card) and never contain the
 * configured headers.
 */
export class PrometheusClient {
  constructor(private readonly server: PrometheusServerConfig) {}

  /** `query` over `[startMs, endMs]` at `stepMs`; `what` names it in errors. */
  async queryRange(options: {
    query: string;
    startMs: number;
    endMs: number;
    stepMs: number;
    what: string;
    signal: AbortSignal;
    /**
     * What the series must hold: counters (finite, never negative; the
     * default) or any values of a threshold metric (NaN and ±Inf too).
     */
    samples?: 'counters' | 'values';
  }): Promise<PrometheusSeries[]> {
    const { query, startMs, endMs, stepMs, what, signal } = options;
    const url = new URL('api/v1/query_range', this.server.baseUrl);
    const body = new URLSearchParams({
      query,
      start: String(startMs / 1000),
      end: String(endMs / 1000),
      step: String(stepMs / 1000),
    });
    const timeout = AbortSignal.timeout(this.server.timeoutMs);
    let response: Response;
    let text: string;
    try {
      response = await fetch(url, {
        method: 'POST',
        headers: {
          ...this.server.headers,
          'Content-Type': 'application/x-www-form-urlencoded',
          Accept: 'application/json',
        },
        body,
        redirect: 'manual',
        signal: AbortSignal.any([signal, timeout]),
      });
      // Reading the body is under the same deadline as the request.
      text = await response.text();
    } catch (error) {
      throw this.fetchError(error, signal, timeout);
    }
    if (response.status >= 300 && response.status < 400) {
      throw this.error(
        `answered ${response.status} (a redirect, not followed): check ${this.server.configKey}.baseUrl`,
      );
    }
    if (response.status === 401 || response.status === 403) {
      // The body is not quoted: a proxy may echo what it was sent.
      throw this.error(
        `answered ${response.status}: check ${this.server.configKey}.headers`,
      );
    }
    const json = parseJson(text);
    if (!response.ok) {
      const parsed = errorAnswer.safeParse(json);
      const detail = parsed.success
        ? parsed.data.error ?? ''
        : response.statusText;
      const type = parsed.success ? parsed.data.errorType : undefined;
      if (response.status === 400 || response.status === 422) {
        throw this.error(
          `refused the query for ${what} (${response.status}${
            type ? ` ${type}` : ''
          }): ${this.quote(detail)}`,
        );
      }
      if (response.status === 429 || response.status === 503) {
        throw this.error(
          `answered ${
            response.status
          } (overloaded or rate limited; the next pull tries again): ${this.quote(
            detail,
          )}`,
        );
      }
      if (response.status === 404) {
        throw this.error(
          `answered 404 for ${url.pathname}: check ${this.server.configKey}.baseUrl (the Prometheus root, e.g. http://prometheus:9090)`,
        );
      }
      throw this.error(
        `answered ${response.status} for ${what}: ${this.quote(detail)}`,
      );
    }
    const parsed = rangeAnswer.safeParse(json);
    if (!parsed.success) {
      const resultType = (json as any)?.data?.resultType;
      throw this.error(
        typeof resultType === 'string' && resultType !== 'matrix'
          ? `answered a ${resultType} for ${what}, not a matrix of series: the query must be an instant vector of counters`
          : `answered something that is not a Prometheus query_range result for ${what}: check ${this.server.configKey}.baseUrl`,
      );
    }
    if (options.samples === 'values') {
      for (const series of parsed.data.data.result) {
        for (const [, value] of series.values) {
          if (Number.isNaN(parsePrometheusValue(value)) && value !== 'NaN') {
            throw this.error(
              `answered the value ${this.quote(
                value,
              )} for ${what}, which is not a number`,
            );
          }
        }
      }
      return parsed.data.data.result;
    }
    for (const series of parsed.data.data.result) {
      for (const [, value] of series.values) {
        const number = Number(value);
        // Counters are finite and never negative; NaN, Inf or a negative
        // value means the query is not a plain counter (e.g. a division).
        if (value.trim() === '' || !Number.isFinite(number) || number < 0) {
          throw this.error(
            `answered the value ${this.quote(
              value,
            )} for ${what}: the query must return counters (finite, never negative)`,
          );
        }
      }
    }
    return parsed.data.data.result;
  }

  private error(message: string): Error {
    return new Error(
      this.redact(`Prometheus '${this.server.name}' ${message}`),
    );
  }

  /** The server's URL as configured, for messages (it has no credentials). */
  private where(): string {
    return this.server.baseUrl.replace(/\/$/, '');
  }

  /** Quotes a server's text, shortened, on one line. */
  private quote(text: string): string {
    const line = text.replace(/\s+/g, ' ').trim();
    return line.length > MAX_QUOTE ? `${line.slice(0, MAX_QUOTE)}…` : line;
  }

  /**
   * Removes configured header values from a message: a server's error text
   * is quoted, and a misbehaving proxy might repeat a token in it.
   */
  private redact(message: string): string {
    let result = message;
    for (const value of Object.values(this.server.headers)) {
      for (const secret of [value, ...value.split(/\s+/)]) {
        if (secret.length >= 6) result = result.split(secret).join('***');
      }
    }
    return result;
  }

  private fetchError(
    error: unknown,
    signal: AbortSignal,
    timeout: AbortSignal,
  ): Error {
    if (timeout.aborted && !signal.aborted) {
      return this.error(
        `(${this.where()}) did not answer within ${seconds(
          this.server.timeoutMs,
        )}: raise ${this.server.configKey}.timeout, or simplify the query`,
      );
    }
    if (signal.aborted) {
      return this.error(
        `(${this.where()}) was still answering when the pull was cancelled`,
      );
    }
    // fetch() says "fetch failed" and puts the reason (ECONNREFUSED,
    // ENOTFOUND, a TLS error) in `cause`.
    const cause = (error as { cause?: { message?: string; code?: string } })
      ?.cause;
    // The usual case in a demo or a new set-up, said in words: the host
    // is there, nothing listens on the port.
    if (cause?.code === 'ECONNREFUSED') {
      return this.error(
        `(${this.where()}) did not answer: connection refused, nothing listens there (is Prometheus running?)`,
      );
    }
    const reason =
      cause?.message ?? cause?.code ?? (error as Error)?.message ?? 'unknown';
    return this.error(
      `(${this.where()}) is unreachable: ${this.quote(reason)}`,
    );
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * A sample value as Prometheus writes it: a decimal number, `NaN`, `+Inf`
 * or `-Inf` (which `Number` does not read). Anything else is NaN.
 */
export function parsePrometheusValue(value: string): number {
  if (value === '+Inf' || value === 'Inf') return Infinity;
  if (value === '-Inf') return -Infinity;
  if (value.trim() === '') return NaN;
  return Number(value);
}
