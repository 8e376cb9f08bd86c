/*
 * The catalog page's Tier filter: a manager narrows the component list to
 * tier-0. The ledger, written `Tier-0`, is among them, as the catalog
 * matches without regard to case, and the count agrees with the rows.
 */
const { screenshot } = require('../lib/browser');
const { assert, waitFor } = require('../lib/checks');
const { APP } = require('../lib/config');

const row = (page, name) =>
  page.locator(`a[href$="/component/${name}"]`).first();

module.exports = {
  browser: true,
  async run({ check, page }) {
    await check(
      'a manager filters the catalog by tier with the Tier filter',
      async () => {
        await page.goto(
          `${APP}/catalog?filters[kind]=component&filters[user]=all`,
        );
        await row(page, 'cart-service').waitFor();
        await page.getByTestId('tier-picker-expand').click();
        await page.getByText('Tier 0 (critical)', { exact: true }).click();
        await page.keyboard.press('Escape');
        await waitFor(
          'the list to hold only tier-0 components',
          async () =>
            (await row(page, 'checkout-api').isVisible()) &&
            (await row(page, 'payment-gateway').isVisible()) &&
            (await row(page, 'ledger').isVisible()) &&
            !(await row(page, 'cart-service').isVisible()),
          30_000,
        );
        assert(
          decodeURIComponent(page.url()).includes('filters[tier]=tier-0'),
          `the filter is in the URL: ${page.url()}`,
        );
        await page
          .getByText(/All components \(3\)/i)
          .first()
          .waitFor();
        await screenshot(page, 'catalog-tier-filter.png', { fullPage: true });
      },
    );
  },
};
