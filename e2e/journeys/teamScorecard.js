/* A manager's department scorecard shows the API's KPIs and verdicts. */
const { assert } = require('../lib/checks');
const { backendFetch } = require('../lib/backend');
const { screenshot } = require('../lib/browser');
const { APP } = require('../lib/config');

module.exports = {
  browser: true,
  async run({ check, page }) {
    await check(
      "a manager opens their department's scorecard against the targets",
      async () => {
        const res = await backendFetch(
          '/api/reliability/v1/teams/default/commerce/scorecard',
        );
        assert(res.ok, `scorecard answered ${res.status}`);
        const scorecard = await res.json();
        await page.goto(`${APP}/catalog/default/group/commerce/reliability`);
        const tile = page.getByTestId('kpi-slo-coverage');
        await tile.waitFor();
        const coverage = scorecard.kpis.find(k => k.id === 'slo-coverage');
        const text = await tile.textContent();
        assert(
          text.includes(`${coverage.numerator} of ${coverage.denominator}`),
          `tile says ${text}`,
        );
        const verdict = await tile.getAttribute('data-verdict');
        assert(
          verdict === (coverage.met ? 'met' : 'missed'),
          `tile verdict ${verdict}, met ${coverage.met}`,
        );
        await page.getByText('Incident response by severity').waitFor();
        await screenshot(page, 'team-scorecard.png', { fullPage: true });
      },
    );
  },
};
