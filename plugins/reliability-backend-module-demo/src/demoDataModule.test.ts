import { TestDatabases } from '@backstage/backend-test-utils';
import {
  demoEntities,
  demoReliabilityConfig,
  startDemoBackend,
} from './__testUtils__/startDemoBackend';

jest.setTimeout(120_000);

const databases = TestDatabases.create({
  ids: ['SQLITE_3'],
  disableDocker: true,
});

const DAY_MS = 24 * 3_600_000;
const iso = (ms: number) => new Date(ms).toISOString();
const entity = (name: string) => `/v1/entities/component/default/${name}`;

/** Times the demo placed relative to `now`, to the second it ran at. */
function near(expected: number, actual: string) {
  expect(Math.abs(Date.parse(actual) - expected)).toBeLessThan(60_000);
}

describe('reliabilityModuleDemoData', () => {
  it('writes the demo story through the plugin, once, on the demo catalog', async () => {
    const { runTask, get } = await startDemoBackend();
    // The catalog sync defines the demo SLOs from examples/slos.
    await runTask('reliability-catalog-sync');
    const now = Date.now();
    await runTask('reliability-demo-data');

    // Rotations from the demo config, with the override on payments.
    const rotations = await get('/v1/rotations');
    expect(rotations.items.map((r: { id: string }) => r.id).sort()).toEqual([
      'checkout-daily',
      'data-platform',
      'payments-primary',
      'sre',
      'storefront-follow-the-sun',
    ]);
    const payments = await get(`${entity('payment-gateway')}/oncall`);
    expect(payments.levels[0]).toMatchObject({
      level: 1,
      user: { ref: 'user:default/olivia' },
      override: true,
    });

    // Incidents and postmortems: checkout's SEV0 40 days ago has a
    // published postmortem, its SEV2 two days ago none.
    const checkout = await get(
      `${entity('checkout-api')}/incidents?since=${iso(now - 90 * DAY_MS)}`,
    );
    expect(checkout.items.map((i: { severity: string }) => i.severity)).toEqual(
      ['SEV2', 'SEV0'],
    );
    expect(checkout.items[1].postmortem.status).toBe('published');
    expect(checkout.items[0].postmortem.status).toBeNull();
    near(now - 40 * DAY_MS - 3 * 3_600_000, checkout.items[1].startedAt);

    // Actions: payments' is 74 days old and overdue; checkout has one done.
    const psp = await get(`${entity('payment-gateway')}/actions?status=all`);
    expect(psp.items).toHaveLength(1);
    expect(psp.items[0]).toMatchObject({ ageDays: 74, overdue: true });
    const checkoutActions = await get(
      `${entity('checkout-api')}/actions?status=all`,
    );
    expect(
      checkoutActions.items.map((a: { status: string }) => a.status).sort(),
    ).toEqual(['done', 'open', 'open']);

    // Readiness: storefront approved 8 days ago on evidence attested 20
    // and 30 days ago (valid 180 and 365 days).
    const storefront = await get(`${entity('storefront-web')}/readiness`);
    expect(storefront.review).toMatchObject({
      state: 'approved',
      requestedBy: 'user:default/emil',
      decidedBy: 'user:default/gita',
    });
    near(now - 8 * DAY_MS, storefront.review.decidedAt);
    const attestation = (itemId: string) =>
      storefront.items.find((i: { id: string }) => i.id === itemId).attestation;
    near(now - 20 * DAY_MS, attestation('rollback').attestedAt);
    near(now + 160 * DAY_MS, attestation('rollback').expiresAt);
    near(now + 335 * DAY_MS, attestation('security').expiresAt);

    // cart-service waits in the queue with a waiver; it was approved once,
    // 75 days ago, while its rollback attestation (250 days ago) held.
    const queue = await get('/v1/readiness/reviews');
    const cart = queue.items.find(
      (r: { entityRef: string }) =>
        r.entityRef === 'component:default/cart-service',
    );
    expect(cart).toMatchObject({
      state: 'requested',
      requestedBy: 'user:default/chen',
      lastApproval: expect.objectContaining({ decidedBy: 'user:default/gita' }),
    });
    near(now - 75 * DAY_MS, cart.lastApproval.decidedAt);
    const cartReadiness = await get(`${entity('cart-service')}/readiness`);
    const postmortems = cartReadiness.items.find(
      (i: { id: string }) => i.id === 'postmortems',
    );
    near(now + 30 * DAY_MS, postmortems.waiver.expiresAt);

    // payment-gateway's rollback plan was attested 200 days ago: expired.
    const gateway = await get(`${entity('payment-gateway')}/readiness`);
    const rollback = gateway.items.find(
      (i: { id: string }) => i.id === 'rollback',
    );
    near(now - 20 * DAY_MS, rollback.attestation.expiresAt);

    // Traffic: 30 days of history for the demo SLOs, none for the cart's.
    const status = await get(
      `${entity('checkout-api')}/slos/checkout-availability/status`,
    );
    expect(status.attainment).toBeGreaterThan(0.999);
    expect(status.attainment).toBeLessThan(1);

    // A second run writes nothing twice.
    await runTask('reliability-demo-data');
    expect((await get('/v1/rotations')).items).toHaveLength(5);
    expect(
      (
        await get(
          `${entity('checkout-api')}/incidents?since=${iso(now - 90 * DAY_MS)}`,
        )
      ).items,
    ).toHaveLength(2);
    expect(
      (await get(`${entity('payment-gateway')}/actions?status=all`)).items,
    ).toHaveLength(1);
    expect(
      (await get('/v1/readiness/reviews')).items.filter(
        (r: { entityRef: string }) =>
          r.entityRef === 'component:default/cart-service',
      ),
    ).toHaveLength(1);
  });

  it('writes nothing twice after a restart or on a second replica', async () => {
    const knex = await databases.init('SQLITE_3');
    const first = await startDemoBackend(undefined, undefined, knex);
    await first.runTask('reliability-catalog-sync');
    await first.runTask('reliability-demo-data');
    const count = async (get: typeof first.get) => ({
      rotations: (await get('/v1/rotations')).items.length,
      incidents: (
        await get(
          `${entity('checkout-api')}/incidents?since=${iso(
            Date.now() - 90 * DAY_MS,
          )}`,
        )
      ).items.length,
      actions: (await get(`${entity('checkout-api')}/actions?status=all`)).items
        .length,
      pending: (await get('/v1/readiness/reviews')).items.length,
      approved: (await get('/v1/readiness/reviews?state=approved')).items
        .length,
    });
    const before = await count(first.get);
    expect(before).toEqual({
      rotations: 5,
      incidents: 2,
      actions: 3,
      pending: 1,
      approved: 2,
    });
    // A new module instance on the same database knows nothing in memory.
    const second = await startDemoBackend(undefined, undefined, knex);
    await second.runTask('reliability-catalog-sync');
    await second.runTask('reliability-demo-data');
    expect(await count(second.get)).toEqual(before);
  });

  it('loads made-up trends once a team has its first daily snapshot', async () => {
    const { runTask, get } = await startDemoBackend();
    await runTask('reliability-catalog-sync');
    await runTask('reliability-demo-data');
    // No snapshot yet: nothing to draw the history back from.
    expect(
      (await get('/v1/teams/default/payments/trends?days=90')).points,
    ).toHaveLength(0);
    await runTask('reliability-team-snapshots');
    await runTask('reliability-demo-data');
    const trends = await get('/v1/teams/default/payments/trends?days=90');
    expect(trends.points).toHaveLength(90);
    // Runs after that leave the history alone.
    await runTask('reliability-demo-data');
    expect(
      (await get('/v1/teams/default/payments/trends?days=400')).points,
    ).toHaveLength(90);
  });

  it('writes nothing until the catalog has what the demo names', async () => {
    const people = demoEntities().filter(e => e.kind !== 'Component');
    const { runTask, get } = await startDemoBackend(undefined, people);
    await runTask('reliability-demo-data');
    // Rotations name only people, who are there; the rest waits.
    expect((await get('/v1/rotations')).items).toHaveLength(5);
    expect((await get('/v1/readiness/reviews')).items).toEqual([]);
    expect(
      (await get('/v1/actions?owner=group:default/payments')).items,
    ).toEqual([]);
  });

  it('does nothing unless enabled', async () => {
    const { scheduler } = await startDemoBackend({
      ...demoReliabilityConfig(),
      demoData: {
        ...(demoReliabilityConfig().demoData as object),
        enabled: false,
      },
    });
    const tasks = (await scheduler.getScheduledTasks()).map(t => t.id);
    expect(tasks).toContain('reliability-slo-status');
    expect(tasks).not.toContain('reliability-demo-data');
  });

  it('stops start-up on a bad demo config, naming the key', async () => {
    await expect(
      startDemoBackend({
        ...demoReliabilityConfig(),
        demoData: {
          enabled: true,
          slos: [
            {
              entity: 'component:default/checkout-api',
              slo: 'checkout-availability',
              requestsPerMinute: 10,
              errorRate: 0.01,
              incidents: [{ from: 'yesterday', to: 'PT0M', errorRate: 0.1 }],
            },
          ],
        },
      }),
    ).rejects.toThrow(
      "Invalid ISO duration at 'reliability.demoData.slos[0].incidents[0].from': yesterday",
    );
  });
});
