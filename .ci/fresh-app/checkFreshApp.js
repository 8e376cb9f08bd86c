/*
 * The fresh create-app app, as its users see it: run by fresh-app.sh once
 * the app's backend serves the built frontend. Checks the Reliability tab
 * and its cards, the overview page and a team's scorecard, all from the
 * packed tarballs, in Debian's Chromium; writes screenshots and
 * results.json (counted by .ci/summarize.js) to the directory given.
 *
 *   RELIABILITY_API_TOKEN=… node checkFreshApp.js <base-url> <out-dir>
 */
const fs = require('fs');
const path = require('path');
const { launchBrowser } = require('../../e2e/lib/browser');
const { assert, waitFor } = require('../../e2e/lib/checks');

const [base, out] = process.argv.slice(2);
const token = process.env.RELIABILITY_API_TOKEN;
const entity = 'entities/component/default/orders-api';
const results = [];

async function check(name, fn) {
  const started = Date.now();
  try {
    await fn();
    results.push({ name: `fresh app: ${name}`, ok: true });
    console.log(`ok   fresh app: ${name} (${Date.now() - started} ms)`);
  } catch (error) {
    results.push({
      name: `fresh app: ${name}`,
      ok: false,
      error: error.message,
    });
    console.log(`FAIL fresh app: ${name}: ${error.message}`);
  }
}

/** The API as a script calls it, with the app-config.token.yaml token. */
async function api(method, route, body) {
  const response = await fetch(`${base}/api/reliability/v1/${route}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body ? { 'content-type': 'application/json' } : {}),
    },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null };
}

async function main() {
  fs.mkdirSync(out, { recursive: true });

  await check('the backend plugin answers its health check', async () => {
    const response = await fetch(`${base}/api/reliability/health`);
    assert(response.status === 200, `health: HTTP ${response.status}`);
  });

  await check(
    "an annotated entity's summary has its tier and its SLO",
    async () => {
      // The catalog sync reads tiers and OpenSLO files on its schedule.
      await waitFor(
        'the summary with the SLO',
        async () => {
          const { status, body } = await api('GET', `${entity}/summary`);
          return (
            status === 200 &&
            body.tier?.id === 'tier-1' &&
            body.slos?.length === 1
          );
        },
        180_000,
      );
    },
  );

  await check(
    'a script pushes an hour of measurements with the static token',
    async () => {
      const minute = 60_000;
      const start = Math.floor(Date.now() / minute) * minute - 60 * minute;
      const measurements = Array.from({ length: 60 }, (_, i) => ({
        timestamp: new Date(start + i * minute).toISOString(),
        good: i === 30 ? 990 : 1000,
        total: 1000,
      }));
      const { status, body } = await api(
        'POST',
        `${entity}/slos/orders-availability/measurements`,
        measurements,
      );
      assert(status === 200, `ingest: HTTP ${status} ${JSON.stringify(body)}`);
      // Hand-worked: 59,990 good of 60,000; the budget is 0.1 % of 60,000 =
      // 60 bad events, of which 10 are spent: 5/6 remains.
      const { body: slo } = await api(
        'GET',
        `${entity}/slos/orders-availability/status?at=${new Date(
          start + 60 * minute,
        ).toISOString()}`,
      );
      const close = (a, b) => Math.abs(a - b) < 1e-9;
      assert(
        slo.good === 59_990 && slo.total === 60_000,
        `counts ${slo.good}/${slo.total}`,
      );
      assert(
        close(slo.attainment, 59_990 / 60_000),
        `attainment ${slo.attainment}`,
      );
      assert(
        close(slo.errorBudget.remaining, 5 / 6),
        `remaining ${slo.errorBudget.remaining}`,
      );
    },
  );

  const { browser, page } = await launchBrowser();
  await page.setViewportSize({ width: 1440, height: 1000 });
  try {
    await check('guest sign-in', async () => {
      await page.goto(base);
      const enter = page.getByRole('button', { name: /enter/i });
      const signedIn = page.getByRole('link', { name: 'Catalog' });
      await enter.or(signedIn).first().waitFor();
      if (await enter.isVisible()) await enter.click();
      await signedIn.first().waitFor();
    });

    await check('the catalog page has the Tier filter', async () => {
      const row = name => page.locator(`a[href$="/component/${name}"]`).first();
      // The template mounts the catalog at the root.
      await page.goto(`${base}/?filters[kind]=component&filters[user]=all`);
      await row('billing-batch').waitFor();
      await page.getByTestId('tier-picker-expand').click();
      await page.getByText('Tier 1 (important)', { exact: true }).click();
      await page.keyboard.press('Escape');
      await waitFor(
        'the list to hold the tier-1 service only',
        async () =>
          (await row('orders-api').isVisible()) &&
          !(await row('billing-batch').isVisible()),
        30_000,
      );
      assert(
        decodeURIComponent(page.url()).includes('filters[tier]=tier-1'),
        `the filter is in the URL: ${page.url()}`,
      );
      await page.screenshot({
        path: path.join(out, 'catalog-tier-filter.png'),
      });
    });

    await check(
      'the Reliability tab of a tier-1 service shows its cards',
      async () => {
        await page.goto(`${base}/catalog/default/component/orders-api`);
        await page
          .locator('a[href$="/component/orders-api/reliability"]')
          .filter({ hasText: /^Reliability$/ })
          .first()
          .click();
        await page.waitForURL(/\/orders-api\/reliability$/);
        for (const text of [
          'Reliability tier',
          'Tier 1',
          'Service level objectives',
          'Orders availability',
          'On call',
          'Postmortem actions',
          'Production readiness',
        ]) {
          await page.getByText(text).first().waitFor();
        }
        await page.screenshot({ path: path.join(out, 'reliability-tab.png') });
      },
    );

    await check('the overview page lists the service', async () => {
      await page.goto(`${base}/reliability`);
      await page.getByText('Orders API').first().waitFor();
      await page.screenshot({ path: path.join(out, 'overview.png') });
    });

    await check("the team's scorecard", async () => {
      await page.goto(`${base}/catalog/default/group/orders-team/reliability`);
      await page.getByText('Tier-0/1 with an SLO').first().waitFor();
      await page.screenshot({ path: path.join(out, 'scorecard.png') });
    });
  } finally {
    await browser.close();
  }

  const passed = results.filter(r => r.ok).length;
  const failed = results.length - passed;
  fs.writeFileSync(
    path.join(out, 'results.json'),
    JSON.stringify({ passed, failed, results }, null, 2),
  );
  console.log(`fresh app: ${passed} passed, ${failed} failed`);
  process.exit(failed === 0 ? 0 : 1);
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
