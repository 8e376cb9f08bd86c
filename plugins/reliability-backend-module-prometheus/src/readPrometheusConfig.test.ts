import { ConfigReader } from '@backstage/config';
import { readPrometheusConfig } from './readPrometheusConfig';

const read = (prometheus: unknown) =>
  readPrometheusConfig(
    new ConfigReader({ reliability: { prometheus } } as any),
  );

const server = { name: 'main', baseUrl: 'http://prometheus:9090' };

describe('readPrometheusConfig', () => {
  it('reads servers with their defaults', () => {
    expect(readPrometheusConfig(new ConfigReader({}))).toEqual({ servers: [] });
    expect(
      read({
        servers: [
          server,
          {
            name: 'thanos',
            baseUrl: 'https://thanos.example.com/prom',
            headers: { Authorization: 'Bearer x' },
            timeout: 'PT30S',
          },
          { name: 'ms', baseUrl: 'http://a:9090/', timeout: 2500 },
        ],
        defaultServer: 'thanos',
      }),
    ).toEqual({
      servers: [
        {
          name: 'main',
          baseUrl: 'http://prometheus:9090/',
          headers: {},
          timeoutMs: 10_000,
          configKey: 'reliability.prometheus.servers[0]',
        },
        {
          name: 'thanos',
          baseUrl: 'https://thanos.example.com/prom/',
          headers: { Authorization: 'Bearer x' },
          timeoutMs: 30_000,
          configKey: 'reliability.prometheus.servers[1]',
        },
        {
          name: 'ms',
          baseUrl: 'http://a:9090/',
          headers: {},
          timeoutMs: 2500,
          configKey: 'reliability.prometheus.servers[2]',
        },
      ],
      defaultServer: 'thanos',
    });
  });

  it.each([
    [
      { servers: [{ ...server, baseUrl: 'ftp://x' }] },
      "'reliability.prometheus.servers[0].baseUrl': must be http or https",
    ],
    [
      { servers: [{ ...server, baseUrl: 'not a url' }] },
      "'reliability.prometheus.servers[0].baseUrl': is not a URL",
    ],
    [
      { servers: [{ name: 'main' }] },
      "'reliability.prometheus.servers[0].baseUrl': must be a URL",
    ],
    [
      { servers: [{ ...server, baseUrl: 'http://a:9090/?x=1' }] },
      "'reliability.prometheus.servers[0].baseUrl': must not have a query string",
    ],
    [
      { servers: [{ ...server, name: '' }] },
      "'reliability.prometheus.servers[0].name': must be 1-63",
    ],
    [
      { servers: [server, server] },
      "'reliability.prometheus.servers[1].name': 'main' is already the name of another server",
    ],
    [
      { servers: [{ ...server, timeout: '10 seconds' }] },
      "'reliability.prometheus.servers[0].timeout': must be an ISO duration",
    ],
    [
      { servers: [{ ...server, timeout: 0 }] },
      "'reliability.prometheus.servers[0].timeout': must be more than 0",
    ],
    [
      { servers: [{ ...server, headers: { 'Bad Name': 'x' } }] },
      "'reliability.prometheus.servers[0].headers.Bad Name': is not a valid header name",
    ],
    [
      { servers: [{ ...server, headers: { 'X-Token': 'a\nb' } }] },
      "'reliability.prometheus.servers[0].headers.X-Token': must be a string without line breaks",
    ],
    [
      { servers: [{ ...server, url: 'http://x' }] },
      "'reliability.prometheus.servers[0].url': is not a known setting",
    ],
    [
      { servers: [server], defaultServer: 'other' },
      "'reliability.prometheus.defaultServer': must be the name of one of",
    ],
    [{ servers: {} }, "'reliability.prometheus.servers': must be a list"],
  ])('refuses %j', (prometheus, message) => {
    expect(() => read(prometheus)).toThrow(`Invalid config ${message}`);
  });

  it('never repeats credentials or header values in its errors', () => {
    const error = (() => {
      try {
        read({
          servers: [{ ...server, baseUrl: 'http://user:hunter2@prom:9090' }],
        });
      } catch (e) {
        return e as Error;
      }
      throw new Error('no error');
    })();
    expect(error.message).toBe(
      "Invalid config 'reliability.prometheus.servers[0].baseUrl': must not contain credentials; put them in headers (e.g. Authorization)",
    );
    expect(() =>
      read({ servers: [{ ...server, headers: { 'X-Token': 'hunter2\r\n' } }] }),
    ).toThrow(/^(?!.*hunter2)/);
  });
});
