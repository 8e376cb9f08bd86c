import { ConfigReader } from '@backstage/config';
import path from 'path';
import { readDemoPrometheusConfig } from './readDemoPrometheusConfig';

const servers = [
  { name: 'main', baseUrl: 'https://prometheus.example.com' },
  { name: 'demo', baseUrl: 'http://127.0.0.1:9464' },
];

function read(
  prometheus: Record<string, unknown> | undefined,
  serverList: unknown[] = servers,
) {
  return readDemoPrometheusConfig(
    new ConfigReader({
      reliability: {
        prometheus: { servers: serverList },
        demoData: { enabled: true, ...(prometheus ? { prometheus } : {}) },
      } as any,
    }),
  );
}

describe('readDemoPrometheusConfig', () => {
  it("serves the named server's loopback address, with Debian's binaries by default", () => {
    expect(read({ server: 'demo', directory: 'data/prometheus' })).toEqual({
      server: 'demo',
      url: 'http://127.0.0.1:9464',
      listenAddress: '127.0.0.1:9464',
      directory: path.resolve('data/prometheus'),
      prometheusPath: '/usr/bin/prometheus',
      promtoolPath: '/usr/bin/promtool',
    });
    expect(
      read({
        server: 'demo',
        directory: '/tmp/p',
        prometheusPath: '/opt/prometheus/prometheus',
        promtoolPath: '/opt/prometheus/promtool',
      }),
    ).toMatchObject({
      prometheusPath: '/opt/prometheus/prometheus',
      promtoolPath: '/opt/prometheus/promtool',
    });
  });

  it('starts nothing without the block or when switched off', () => {
    expect(read(undefined)).toBeUndefined();
    expect(
      read({ enabled: false, server: 'demo', directory: 'x' }),
    ).toBeUndefined();
  });

  it.each([
    [
      { server: 'nope', directory: 'x' },
      servers,
      "Invalid config 'reliability.demoData.prometheus.server': 'nope' is not the name of one of reliability.prometheus.servers",
    ],
    [
      { server: 'main', directory: 'x' },
      servers,
      "Invalid config 'reliability.prometheus.servers[0].baseUrl': the demo's Prometheus (reliability.demoData.prometheus.server) listens on loopback only: use http://127.0.0.1:<port>, not 'https://prometheus.example.com'",
    ],
    [
      { server: 'demo', directory: 'x' },
      [{ name: 'demo', baseUrl: 'http://127.0.0.1' }],
      "Invalid config 'reliability.prometheus.servers[0].baseUrl'",
    ],
    [
      { server: 'demo', directory: 'x' },
      [{ name: 'demo', baseUrl: 'http://127.0.0.1:9464/prometheus' }],
      "Invalid config 'reliability.prometheus.servers[0].baseUrl'",
    ],
    [
      { server: 'demo', directory: 'x', prometheusPath: 'prometheus' },
      servers,
      "Invalid config 'reliability.demoData.prometheus.prometheusPath': must be an absolute path, not 'prometheus'",
    ],
    [
      { server: 'demo' },
      servers,
      "Missing required config value at 'reliability.demoData.prometheus.directory'",
    ],
    [
      { server: 'demo', directory: 'x', enabled: 'maybe' },
      servers,
      "Unable to convert config value for key 'reliability.demoData.prometheus.enabled'",
    ],
  ])('names the key of a bad value (%j)', (prometheus, serverList, error) => {
    expect(() => read(prometheus, serverList)).toThrow(error);
  });
});
