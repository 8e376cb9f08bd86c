/*
 * The demo's seeded measurements: one SLO pages, the ledger's budget is
 * gone; and checkout's Prometheus-backed SLO is pulled from the demo's
 * local Prometheus (or, without Debian's binary, shows why it is not).
 */
const fs = require('fs');
const { assert, waitFor } = require('../lib/checks');
const { backendJson } = require('../lib/backend');

const entity = name => `/api/reliability/v1/entities/component/default/${name}`;
const summary = name => backendJson(`${entity(name)}/summary`);

module.exports = {
  async run({ check }) {
    await check(
      'demo SLO data is seeded: payments pages, the ledger is frozen',
      async () => {
        await waitFor(
          'the demo measurements',
          async () =>
            (await summary('ledger')).slos.some(s => s.status === 'exhausted'),
          180_000,
        );
        const payments = await summary('payment-gateway');
        assert(
          payments.slos[0].status === 'page',
          `payments is ${payments.slos[0].status}`,
        );
      },
    );

    await check(
      "checkout's Prometheus-backed SLO is pulled from the demo Prometheus",
      async () => {
        const pulled = async () =>
          (await backendJson(`${entity('checkout-api')}/slos`)).items.find(
            s => s.name === 'checkout-order-placement',
          );
        if (fs.existsSync('/usr/bin/prometheus')) {
          // The first pull may come before the backfill is served; the
          // retry a minute later gets it.
          await waitFor(
            'a successful pull',
            async () => Boolean((await pulled())?.pull?.lastSuccessAt),
            180_000,
          );
          const slo = await pulled();
          assert(
            slo.pull.provider === 'prometheus' && slo.pull.problem === null,
            `pull: ${JSON.stringify(slo.pull)}`,
          );
        } else {
          await waitFor(
            'the failed pull',
            async () => /did not answer/.test((await pulled())?.pull?.problem),
            180_000,
          );
        }
      },
    );
  },
};
