import http from 'http';
import net from 'net';
import { freePort } from './__testUtils__/startPrometheus';
import { PrometheusClient } from './PrometheusClient';
import { PrometheusServerConfig } from './readPrometheusConfig';

const TOKEN = 'Bearer s3cr3t-token-value';

/** A tiny local server answering every request with `handler`. */
async function serve(
  handler: (
    req: http.IncomingMessage,
    res: http.ServerResponse,
    body: string,
  ) => void,
) {
  const requests: Array<{
    url?: string;
    headers: http.IncomingHttpHeaders;
    body: string;
  }> = [];
  const sockets = new Set<net.Socket>();
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', chunk => (body += chunk));
    req.on('end', () => {
      requests.push({ url: req.url, headers: req.headers, body });
      handler(req, res, body);
    });
  });
  server.on('connection', socket => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () => {
      sockets.forEach(s => s.destroy());
      return new Promise(resolve => server.close(resolve));
    },
  };
}

const json =
  (status: number, body: unknown) =>
  (_req: http.IncomingMessage, res: http.ServerResponse) => {
    res.writeHead(status, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify(body));
  };

function client(baseUrl: string, extra: Partial<PrometheusServerConfig> = {}) {
  return new PrometheusClient({
    name: 'main',
    baseUrl,
    headers: { Authorization: TOKEN },
    timeoutMs: 10_000,
    configKey: 'reliability.prometheus.servers[0]',
    ...extra,
  });
}

const ask = (c: PrometheusClient, signal = new AbortController().signal) =>
  c.queryRange({
    query: 'up{job="x"}',
    startMs: 0,
    endMs: 60_000,
    stepMs: 60_000,
    what: 'good events',
    signal,
  });

const servers: Array<{ close(): Promise<unknown> }> = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map(s => s.close()));
});
async function start(handler: Parameters<typeof serve>[0]) {
  const server = await serve(handler);
  servers.push(server);
  return server;
}

describe('PrometheusClient', () => {
  it('posts the query under the base URL, with the configured headers', async () => {
    const server = await start(
      json(200, {
        status: 'success',
        data: { resultType: 'matrix', result: [] },
      }),
    );
    await expect(ask(client(`${server.url}/prom/`))).resolves.toEqual([]);
    expect(server.requests).toHaveLength(1);
    const [request] = server.requests;
    // The query is in the body: nothing from an SLO file is in the URL.
    expect(request.url).toBe('/prom/api/v1/query_range');
    expect(request.headers.authorization).toBe(TOKEN);
    expect(Object.fromEntries(new URLSearchParams(request.body))).toEqual({
      query: 'up{job="x"}',
      start: '0',
      end: '60',
      step: '60',
    });
  });

  it('says a server that is down did not answer, in words, at once', async () => {
    const port = await freePort();
    const started = Date.now();
    await expect(ask(client(`http://127.0.0.1:${port}/`))).rejects.toThrow(
      new Error(
        `Prometheus 'main' (http://127.0.0.1:${port}) did not answer: connection refused, nothing listens there (is Prometheus running?)`,
      ),
    );
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('says any other network failure is unreachable, with its reason', async () => {
    // Something listens, but drops the connection without an answer.
    const server = await start(req => req.socket.destroy());
    await expect(ask(client(`${server.url}/`))).rejects.toThrow(
      `Prometheus 'main' (${server.url}) is unreachable: other side closed`,
    );
  });

  it('gives up after the timeout', async () => {
    const server = await start(() => {}); // never answers
    await expect(
      ask(client(`${server.url}/`, { timeoutMs: 300 })),
    ).rejects.toThrow(
      `Prometheus 'main' (${server.url}) did not answer within 0.3 s`,
    );
  });

  it('stops when the pull is cancelled', async () => {
    const server = await start(() => {});
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    await expect(
      ask(client(`${server.url}/`), controller.signal),
    ).rejects.toThrow('was still answering when the pull was cancelled');
  });

  it('never follows a redirect (the headers would go elsewhere)', async () => {
    const elsewhere = await start(json(200, {}));
    const server = await start((_req, res) => {
      res.writeHead(302, { Location: `${elsewhere.url}/api/v1/query_range` });
      res.end();
    });
    await expect(ask(client(`${server.url}/`))).rejects.toThrow(
      "Prometheus 'main' answered 302 (a redirect, not followed): check reliability.prometheus.servers[0].baseUrl",
    );
    expect(elsewhere.requests).toHaveLength(0);
  });

  it('names the headers key on 401, without quoting the answer', async () => {
    const server = await start((req, res) => {
      res.writeHead(401);
      res.end(`bad token: ${req.headers.authorization}`);
    });
    const error = await ask(client(`${server.url}/`)).catch(e => e);
    expect(error.message).toBe(
      "Prometheus 'main' answered 401: check reliability.prometheus.servers[0].headers",
    );
  });

  it('quotes an error, with configured header values removed', async () => {
    const server = await start((req, res) =>
      json(400, {
        status: 'error',
        errorType: 'bad_data',
        error: `parse error (sent ${req.headers.authorization})`,
      })(req, res),
    );
    const error = await ask(client(`${server.url}/`)).catch(e => e);
    expect(error.message).toBe(
      "Prometheus 'main' refused the query for good events (400 bad_data): parse error (sent ***)",
    );
    expect(error.message).not.toContain('s3cr3t');
  });

  it.each([429, 503])('explains %i', async status => {
    const server = await start(
      json(status, {
        status: 'error',
        errorType: 'unavailable',
        error: 'too many queries',
      }),
    );
    await expect(ask(client(`${server.url}/`))).rejects.toThrow(
      `Prometheus 'main' answered ${status} (overloaded or rate limited; the next pull tries again): too many queries`,
    );
  });

  it.each([
    [
      'a vector',
      { status: 'success', data: { resultType: 'vector', result: [] } },
      'answered a vector for good events, not a matrix of series',
    ],
    [
      'a malformed sample',
      {
        status: 'success',
        data: {
          resultType: 'matrix',
          result: [{ metric: {}, values: [['1', 2]] }],
        },
      },
      'answered something that is not a Prometheus query_range result for good events',
    ],
    [
      'NaN',
      {
        status: 'success',
        data: {
          resultType: 'matrix',
          result: [{ metric: {}, values: [[1, 'NaN']] }],
        },
      },
      'answered the value NaN for good events: the query must return counters',
    ],
    ['a JSON string', 'hello', 'answered something that is not a Prometheus'],
  ])('refuses %s', async (_name, body, message) => {
    const server = await start(json(200, body));
    await expect(ask(client(`${server.url}/`))).rejects.toThrow(
      `Prometheus 'main' ${message}`,
    );
  });

  it('refuses an answer that is not JSON (e.g. a login page)', async () => {
    const server = await start((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/html' });
      res.end('<html>Sign in</html>');
    });
    await expect(ask(client(`${server.url}/`))).rejects.toThrow(
      "Prometheus 'main' answered something that is not a Prometheus query_range result for good events: check reliability.prometheus.servers[0].baseUrl",
    );
  });
});
