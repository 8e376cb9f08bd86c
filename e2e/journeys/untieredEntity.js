/* An entity without a tier says how to add one. */
const { screenshot } = require('../lib/browser');
const { APP } = require('../lib/config');

module.exports = {
  browser: true,
  async run({ check, page }) {
    await check(
      'an untiered component explains how to add a tier',
      async () => {
        await page.goto(
          `${APP}/catalog/default/component/inventory-sync/reliability`,
        );
        await page.getByText('This entity has no tier yet').waitFor();
        await screenshot(page, 'entity-untiered.png');
      },
    );
  },
};
