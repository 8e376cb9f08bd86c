/* The catalog table carries the plugin's tier column. */
const { screenshot } = require('../lib/browser');
const { APP } = require('../lib/config');

module.exports = {
  browser: true,
  async run({ check, page }) {
    await check('the catalog table has a tier column', async () => {
      await page.goto(
        `${APP}/catalog?filters[kind]=component&filters[user]=all`,
      );
      await page.getByRole('columnheader', { name: 'Tier' }).waitFor();
      await page
        .getByTestId('reliability-tier-chip')
        .filter({ hasText: 'tier-0' })
        .first()
        .waitFor();
      await screenshot(page, 'catalog-tier-column.png', { fullPage: true });
    });
  },
};
