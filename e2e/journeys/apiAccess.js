/*
 * A script's view of the API: credentials are needed, the token works
 * within its permissions, and it never approves.
 */
const { assert } = require('../lib/checks');
const { BACKEND, backendFetch } = require('../lib/backend');

const SUMMARY =
  '/api/reliability/v1/entities/component/default/checkout-api/summary';

module.exports = {
  async run({ check }) {
    await check(
      'API: the summary needs credentials (401 without)',
      async () => {
        const res = await fetch(`${BACKEND}${SUMMARY}`);
        assert(res.status === 401, `expected 401, got ${res.status}`);
      },
    );

    await check('API: the token reads a tier-0 summary', async () => {
      const res = await backendFetch(SUMMARY);
      assert(res.status === 200, `expected 200, got ${res.status}`);
      const body = await res.json();
      assert(
        body.tier && body.tier.id === 'tier-0',
        `tier was ${JSON.stringify(body.tier)}`,
      );
    });

    await check(
      'API: the token cannot approve a budget exception (a person decides)',
      async () => {
        const res = await backendFetch(
          '/api/reliability/v1/entities/component/default/ledger/budget-exceptions',
          {
            method: 'POST',
            body: JSON.stringify({
              reason: 'A script tries to open the frozen deploy gate.',
              expiresAt: new Date(Date.now() + 86_400_000).toISOString(),
            }),
          },
        );
        assert(res.status === 403, `expected 403, got ${res.status}`);
        const body = await res.json();
        assert(
          /is a person's decision/.test(body.error.message),
          `message was ${body.error.message}`,
        );
      },
    );
  },
};
