import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import {
  reliabilitySliExtensionPoint,
  SliProvider,
} from '@reliability-suite/plugin-reliability-node';
import fs from 'fs';
import path from 'path';
import { reliabilityModulePrometheus } from './prometheusModule';
import { PrometheusSliProvider } from './PrometheusSliProvider';

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

  it('leaves the example SLOs (no server named) to be pushed', () => {
    // The demo portal pushes its SLOs' data: their Prometheus sources name
    // no server, and the demo config sets no defaultServer.
    const dir = path.resolve(__dirname, '../../../examples/slos');
    const files = fs
      .readdirSync(dir)
      .map(f => fs.readFileSync(path.join(dir, f), 'utf8'));
    expect(files.join('\n')).toMatch(/type: Prometheus/);
    for (const text of files) {
      expect(text).not.toMatch(/metricSourceRef|^\s*server:/m);
    }
    const demo = { type: 'Prometheus', spec: { query: 'sum(rate(x[1m]))' } };
    expect(provider().handles(demo, demo)).toBe(false);
  });
});
