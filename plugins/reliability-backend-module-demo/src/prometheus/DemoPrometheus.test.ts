import { mockServices } from '@backstage/backend-test-utils';
import fs from 'fs';
import net from 'net';
import os from 'os';
import path from 'path';
import { DemoPrometheus } from './DemoPrometheus';
import { DemoPrometheusConfig } from './readDemoPrometheusConfig';

jest.setTimeout(60_000);

// The tests that run Debian's Prometheus skip where it is not installed.
const describeWithPrometheus = fs.existsSync('/usr/bin/prometheus')
  ? describe
  : describe.skip;

const utc = (iso: string) => Date.parse(`${iso}Z`);
const anchor = new Date('2026-11-23T12:00:30Z');

async function unusedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise(resolve => server.close(resolve));
  return port;
}

describe('DemoPrometheus', () => {
  let directory: string;
  beforeEach(() => {
    directory = fs.mkdtempSync(path.join(os.tmpdir(), 'demo-prometheus-'));
  });
  afterEach(() => fs.rmSync(directory, { recursive: true, force: true }));

  const configFor = (
    port: number,
    binaries: Partial<DemoPrometheusConfig> = {},
  ): DemoPrometheusConfig => ({
    server: 'demo',
    url: `http://127.0.0.1:${port}`,
    listenAddress: `127.0.0.1:${port}`,
    directory,
    prometheusPath: '/usr/bin/prometheus',
    promtoolPath: '/usr/bin/promtool',
    ...binaries,
  });

  it('warns how to install Prometheus when the binary is missing, and starts nothing', async () => {
    const logger = mockServices.logger.mock();
    const demo = new DemoPrometheus({
      config: configFor(9464, { prometheusPath: '/nonexistent/prometheus' }),
      days: 30,
      logger,
    });
    await expect(demo.start(anchor)).resolves.toBe(false);
    expect(logger.warn).toHaveBeenCalledTimes(1);
    expect(logger.warn.mock.calls[0][0]).toContain(
      "/nonexistent/prometheus not found, so the demo Prometheus 'demo' (http://127.0.0.1:9464) is not started and the SLOs pulled from it show a failed pull. Install it with 'apt-get install prometheus'",
    );
    expect(fs.readdirSync(directory)).toEqual([]);
    await demo.stop();
  });

  describeWithPrometheus("with Debian's Prometheus", () => {
    it('serves 30 days of the demo counters, with the hand-worked incident hour', async () => {
      const port = await unusedPort();
      const logger = mockServices.logger.mock();
      const demo = new DemoPrometheus({
        config: configFor(port),
        days: 30,
        logger,
      });
      try {
        await expect(demo.start(anchor)).resolves.toBe(true);
        expect(logger.info.mock.calls[0][0]).toMatch(
          new RegExp(
            `^Demo data: Prometheus 'demo' serves 30 days of checkout_orders_total at http://127.0.0.1:${port} \\(173,044 samples backfilled into ${directory}, ready in [\\d.]+ s\\)$`,
          ),
        );
        const query = async (promql: string, at: number) => {
          const res = await fetch(`http://127.0.0.1:${port}/api/v1/query`, {
            method: 'POST',
            body: new URLSearchParams({ query: promql, time: `${at / 1000}` }),
          });
          const body = await res.json();
          return body.data.result.map((r: { value: [number, string] }) =>
            Number(r.value[1]),
          );
        };
        // The incident's first hour (see demoCheckoutCounters.test.ts):
        // 15,600 orders, 361 failed.
        const ok = 'checkout_orders_total{job="checkout-api",outcome="ok"}';
        const all = 'checkout_orders_total{job="checkout-api"}';
        const at = utc('2026-11-18T11:00');
        expect(await query(`sum(${ok}) - sum(${ok} offset 1h)`, at)).toEqual([
          15_239,
        ]);
        expect(await query(`sum(${all}) - sum(${all} offset 1h)`, at)).toEqual([
          15_600,
        ]);
        // Pod b's restart at 12:00 is a counter reset.
        expect(
          await query(
            'resets(checkout_orders_total{instance="checkout-api-b",outcome="ok"}[1h])',
            utc('2026-11-18T12:30'),
          ),
        ).toEqual([1]);
        // The history reaches the start, and no further.
        expect(await query(`count(${all})`, utc('2026-11-23T12:00'))).toEqual([
          4,
        ]);
      } finally {
        await demo.stop();
      }
      // Stopped: the port is free again.
      await expect(fetch(`http://127.0.0.1:${port}/-/ready`)).rejects.toThrow();
    });
  });
});
