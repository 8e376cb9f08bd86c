/*
 * On call: who answers for an entity now, and a team's rotations with the
 * forms its members may use.
 */
const { screenshot } = require('../lib/browser');
const { APP } = require('../lib/config');

module.exports = {
  browser: true,
  async run({ check, page }) {
    await check(
      'the on-call card shows who is on call, with the active override',
      async () => {
        await page.goto(
          `${APP}/catalog/default/component/payment-gateway/reliability`,
        );
        const level1 = page.getByTestId('oncall-level-1');
        await level1.getByText('Olivia Okafor').waitFor();
        await level1.getByText('Override').waitFor();
        await page.getByText(/^Next hand-off/).waitFor();
        await screenshot(page, 'oncall-card.png', { fullPage: true });
      },
    );

    await check(
      "a team's On-call tab shows the rotation timeline and, for its members, the forms",
      async () => {
        await page.goto(`${APP}/catalog/default/group/payments/oncall`);
        await page
          .getByRole('figure', { name: /On-call timeline of Payments primary/ })
          .waitFor();
        await page.getByText('Edit rotation').waitFor();
        await screenshot(page, 'group-oncall-tab.png', { fullPage: true });
        await page.goto(
          `${APP}/catalog/default/component/alert-router/reliability`,
        );
        await page
          .getByText('No on-call rotation answers for this entity.')
          .waitFor();
      },
    );
  },
};
