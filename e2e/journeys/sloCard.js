/* The SLO card: a paging SLO, then a frozen deploy gate with its chart. */
const { screenshot } = require('../lib/browser');
const { APP } = require('../lib/config');

module.exports = {
  browser: true,
  async run({ check, page }) {
    await check(
      'the SLO card shows a paging SLO and a frozen deploy gate',
      async () => {
        await page.goto(
          `${APP}/catalog/default/component/payment-gateway/reliability`,
        );
        await page.getByText('Payment availability').waitFor();
        await page
          .getByText(/^Paging: the budget burns at/)
          .first()
          .waitFor();
        await screenshot(page, 'slo-card-paging.png', { fullPage: true });
        await page.goto(`${APP}/catalog/default/component/ledger/reliability`);
        await page.getByText('Deploys are frozen').waitFor();
        await page.getByText('Show budget chart').click();
        await page
          .getByRole('img', { name: /Error budget remaining over time/ })
          .waitFor();
        await screenshot(page, 'slo-card-frozen.png', { fullPage: true });
      },
    );
  },
};
