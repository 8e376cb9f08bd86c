/* The demo's seeded measurements: one SLO pages, the ledger's budget is gone. */
const { assert, waitFor } = require('../lib/checks');
const { backendJson } = require('../lib/backend');

const summary = name =>
  backendJson(`/api/reliability/v1/entities/component/default/${name}/summary`);

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
  },
};
