/* A script defines an SLO, pushes measurements and reads the computed status. */
const { assert } = require('../lib/checks');
const { backendFetch, backendJson } = require('../lib/backend');

module.exports = {
  async run({ check }) {
    await check(
      'API: a script creates an SLO, pushes measurements and reads its status',
      async () => {
        const slo =
          '/api/reliability/v1/entities/component/default/inventory-sync/slos/sync-availability';
        const created = await backendFetch(slo, {
          method: 'PUT',
          body: JSON.stringify({
            displayName: 'Sync availability',
            indicator: {
              spec: {
                ratioMetric: {
                  good: { metricSource: { type: 'api' } },
                  total: { metricSource: { type: 'api' } },
                },
              },
            },
            timeWindow: [{ duration: '28d', isRolling: true }],
            budgetingMethod: 'Occurrences',
            objectives: [{ target: 0.99 }],
          }),
        });
        assert(
          created.status === 201,
          `PUT answered ${created.status}: ${await created.text()}`,
        );
        const minute = Math.floor(Date.now() / 60_000) * 60_000;
        const points = [
          {
            timestamp: new Date(minute - 10 * 60_000).toISOString(),
            good: 990,
            total: 1000,
          },
          {
            timestamp: new Date(minute - 60_000).toISOString(),
            good: 180,
            total: 200,
          },
        ];
        // Pushed twice: a repeated push replaces, it does not add up.
        for (let i = 0; i < 2; i++) {
          const pushed = await backendFetch(`${slo}/measurements`, {
            method: 'POST',
            body: JSON.stringify(points),
          });
          assert(pushed.status === 200, `POST answered ${pushed.status}`);
        }
        const status = await backendJson(
          `${slo}/status?at=${new Date(minute).toISOString()}`,
        );
        // Hand-worked: 1170/1200 good; budget 12 events; 30 bad → consumed 2.5.
        const close = (a, b) => Math.abs(a - b) < 1e-9;
        assert(
          status.total === 1200 && status.good === 1170,
          `counts ${status.good}/${status.total}`,
        );
        assert(
          close(status.attainment, 0.975),
          `attainment ${status.attainment}`,
        );
        assert(
          close(status.errorBudget.remaining, -1.5),
          `remaining ${status.errorBudget.remaining}`,
        );
        assert(
          close(status.burnRates['5m'], 10),
          `5m burn ${status.burnRates['5m']}`,
        );
        assert(status.status === 'exhausted', `status ${status.status}`);
      },
    );
  },
};
