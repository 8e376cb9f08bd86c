/* Postmortem actions, overdue first, and the entity's Incidents tab. */
const { screenshot } = require('../lib/browser');
const { APP } = require('../lib/config');

module.exports = {
  browser: true,
  async run({ check, page }) {
    await check(
      'the postmortem actions card shows overdue actions first and late postmortems',
      async () => {
        await page.goto(
          `${APP}/catalog/default/component/checkout-api/reliability`,
        );
        const first = page.getByTestId(/^action-/).first();
        await first.getByText(/^overdue since/).waitFor();
        await page.getByText('Alert on the 5xx ratio, not counts').waitFor();
        await page
          .getByText(/postmortem published, due .* · late/)
          .first()
          .waitFor();
        await screenshot(page, 'postmortem-actions.png', { fullPage: true });
        await page.goto(
          `${APP}/catalog/default/component/checkout-api/incidents`,
        );
        await page.getByText(/^Incidents \(\d+\)$/).waitFor();
        await screenshot(page, 'incidents-tab.png', { fullPage: true });
      },
    );
  },
};
