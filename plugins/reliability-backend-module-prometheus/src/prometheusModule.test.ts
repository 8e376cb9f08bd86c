import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { parseOpenSlo } from '@reliability-suite/plugin-reliability-common';
import {
  reliabilitySliExtensionPoint,
  SliMetricSource,
  SliProvider,
} from '@reliability-suite/plugin-reliability-node';
import fs from 'fs';
import path from 'path';
import YAML from 'yaml';
import { reliabilityModulePrometheus } from './prometheusModule';
import { PrometheusSliProvider } from './PrometheusSliProvider';
import { readPrometheusConfig } from './readPrometheusConfig';

async function startWith(prometheus: unknown) {
  const providers: SliProvider[] = [];
  await startTestBackend({
    extensionPoints: [
      [reliabilitySliExtensionPoint, { addProvider: p => providers.push(p) }],
    ],
    features: [
      reliabilityModulePrometheus,
      mockServices.rootConfig.factory({
        data: { reliability: { prometheus } } as any,
      }),
    ],
  });
  return providers;
}

const servers = [
  {
    name: 'main',
    baseUrl: 'http://127.0.0.1:9090',
    headers: { Authorization: 'Bearer t' },
  },
  { name: 'other', baseUrl: 'http://127.0.0.1:9091' },
];

describe('reliabilityModulePrometheus', () => {
  it('adds the prometheus provider', async () => {
    const providers = await startWith({ servers });
    expect(providers).toHaveLength(1);
    expect(providers[0]).toBeInstanceOf(PrometheusSliProvider);
    expect(providers[0].id).toBe('prometheus');
  });

  it('stops start-up on bad config, naming the key', async () => {
    await expect(
      startWith({ servers: [{ name: 'main', baseUrl: 'file:///etc/passwd' }] }),
    ).rejects.toThrow(
      "Invalid config 'reliability.prometheus.servers[0].baseUrl': must be http or https, not file:",
    );
  });
});

describe('PrometheusSliProvider.handles', () => {
  const provider = (defaultServer?: string) =>
    new PrometheusSliProvider({
      config: {
        servers: servers.map((s, i) => ({
          ...s,
          baseUrl: `${s.baseUrl}/`,
          headers: {},
          timeoutMs: 10_000,
          configKey: `reliability.prometheus.servers[${i}]`,
        })),
        defaultServer,
      },
    });
  const q = { query: 'http_requests_total' };

  it.each([
    [
      'metricSourceRef',
      { type: 'Prometheus', metricSourceRef: 'main', spec: q },
      true,
    ],
    [
      'spec.server',
      { type: 'prometheus', spec: { ...q, server: 'other' } },
      true,
    ],
    ['no server and no default', { type: 'Prometheus', spec: q }, false],
    [
      'an unknown server',
      { type: 'Prometheus', metricSourceRef: 'nope', spec: q },
      false,
    ],
    [
      'another type',
      { type: 'Datadog', metricSourceRef: 'main', spec: q },
      false,
    ],
    [
      'no query',
      { type: 'Prometheus', metricSourceRef: 'main', spec: {} },
      false,
    ],
    [
      'a query that is not a string',
      { type: 'Prometheus', metricSourceRef: 'main', spec: { query: 1 } },
      false,
    ],
    ['no spec', { type: 'Prometheus', metricSourceRef: 'main' }, false],
  ])('with %s', (_name, source, expected) => {
    expect(provider().handles(source, source)).toBe(expected);
  });

  it('uses defaultServer for sources naming none, not for unknown names', () => {
    const p = provider('main');
    expect(
      p.handles(
        { type: 'Prometheus', spec: q },
        { type: 'PROMETHEUS', spec: q },
      ),
    ).toBe(true);
    expect(
      p.handles(
        { type: 'Prometheus', spec: q },
        { type: 'Prometheus', metricSourceRef: 'nope', spec: q },
      ),
    ).toBe(false);
  });

  it('needs both sides', () => {
    const ok = { type: 'Prometheus', metricSourceRef: 'main', spec: q };
    expect(provider().handles(ok, { type: 'Prometheus', spec: q })).toBe(false);
    expect(provider().handles({ type: 'Other' }, ok)).toBe(false);
  });

  it("pulls the one example SLO that names the demo's server, and leaves the rest to be pushed", () => {
    // The demo config: the server 'demo', no defaultServer. The other
    // example SLOs' Prometheus sources name no server; the demo data
    // module pushes their data.
    const { prometheus } = YAML.parse(
      fs.readFileSync(
        path.resolve(__dirname, '../../../app-config.yaml'),
        'utf8',
      ),
    ).reliability;
    const demo = new PrometheusSliProvider({
      config: readPrometheusConfig(
        new ConfigReader({ reliability: { prometheus } }),
      ),
    });
    expect(prometheus.defaultServer).toBeUndefined();
    const dir = path.resolve(__dirname, '../../../examples/slos');
    const slos = fs
      .readdirSync(dir)
      .flatMap(
        f => parseOpenSlo(fs.readFileSync(path.join(dir, f), 'utf8')).slos,
      );
    const sources = (side: unknown) =>
      (side as { metricSource: SliMetricSource }).metricSource;
    const ratio = slos.filter(s => s.indicator?.good);
    expect(ratio.length).toBeGreaterThan(5);
    expect(
      ratio
        .filter(s =>
          demo.handles(sources(s.indicator!.good), sources(s.indicator!.total)),
        )
        .map(s => s.name),
    ).toEqual(['checkout-order-placement']);
  });
});
