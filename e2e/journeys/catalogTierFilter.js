/*
 * The catalog page's Tier filter: a manager narrows the component list to
 * tier-0, and the variant spelling `Tier-0` is its own, labelled option.
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
        await waitFor(
          'the list to hold only tier-0 components',
          async () =>
            (await row(page, 'checkout-api').isVisible()) &&
            (await row(page, 'payment-gateway').isVisible()) &&
            !(await row(page, 'cart-service').isVisible()) &&
            // Written `Tier-0`: an option of its own.
            !(await row(page, 'ledger').isVisible()),
          30_000,
        );
        assert(
          decodeURIComponent(page.url()).includes('filters[tier]=tier-0'),
          `the filter is in the URL: ${page.url()}`,
        );
        await page.getByText("Tier 0 (critical) (as 'Tier-0')").click();
        await row(page, 'ledger').waitFor();
        await page.keyboard.press('Escape');
        // The count settles after the rows: the picture shows both.
        await page
          .getByText(/All components \(3\)/i)
          .first()
          .waitFor();
        await screenshot(page, 'catalog-tier-filter.png', { fullPage: true });
      },
    );
  },
};
