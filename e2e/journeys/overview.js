/*
 * A manager narrows the catalog-wide overview with the facet chips; the
 * rows, counts and the CSV export follow the API's answers.
 */
const fs = require('fs');
const { assert } = require('../lib/checks');
const { backendFetch } = require('../lib/backend');
const { screenshot } = require('../lib/browser');
const { APP } = require('../lib/config');

async function overview(query) {
  const res = await backendFetch(`/api/reliability/v1/overview?${query}`);
  assert(res.ok, `overview answered ${res.status}`);
  return res.json();
}

module.exports = {
  browser: true,
  async run({ check, page }) {
    await check(
      'a manager filters the overview by tier and gap, sees rows and counts change, and exports CSV',
      async () => {
        const all = await overview('limit=1');
        const tier0 = await overview('limit=1&tier=tier-0');
        const gapped = await overview('limit=1&tier=tier-0&gap=no-rotation');
        assert(
          all.totalCount > tier0.totalCount &&
            tier0.totalCount > gapped.totalCount &&
            gapped.totalCount > 0,
          `demo counts do not narrow: ${all.totalCount}, ${tier0.totalCount}, ${gapped.totalCount}`,
        );
        await page.goto(`${APP}/reliability`);
        await page.getByText(`of ${all.totalCount}`).waitFor();
        await page
          .getByRole('button', {
            name: `Tier 0 (critical): ${tier0.totalCount}`,
          })
          .click();
        await page.waitForURL(/tier=tier-0/);
        await page
          .getByText(`1–${tier0.totalCount} of ${tier0.totalCount}`)
          .waitFor();
        await page
          .getByRole('button', { name: /^No on-call rotation: \d+$/ })
          .click();
        await page.waitForURL(/gap=no-rotation/);
        await page
          .getByText(`1–${gapped.totalCount} of ${gapped.totalCount}`)
          .waitFor();
        const rows = await page.locator('tbody tr').count();
        assert(
          rows === gapped.totalCount,
          `${rows} rows shown, ${gapped.totalCount} expected`,
        );
        await screenshot(page, 'overview-filtered.png', { fullPage: true });
        const [download] = await Promise.all([
          page.waitForEvent('download'),
          page.getByRole('button', { name: 'Export CSV' }).click(),
        ]);
        const csv = fs.readFileSync(await download.path(), 'utf8');
        const lines = csv.trim().split('\r\n');
        assert(
          lines[0].startsWith('entityRef,title,kind,tier,owner'),
          `CSV header: ${lines[0]}`,
        );
        assert(
          lines.length === gapped.totalCount + 1 &&
            lines.slice(1).every(l => l.includes(',tier-0,')),
          `CSV has ${lines.length - 1} rows, ${gapped.totalCount} expected`,
        );
      },
    );
  },
};
