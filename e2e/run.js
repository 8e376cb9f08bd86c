#!/usr/bin/env node
/*
 * End-to-end test: starts the real portal (`backstage-cli repo start`) on
 * fresh embedded SQLite, drives Debian's Chromium with playwright-core,
 * signs in as guest and checks what a developer sees: the tier badge on a
 * tier-0 component, its Reliability tab, and the catalog's tier column.
 * Also checks the API token from a script's point of view.
 *
 * Screenshots go to e2e/screenshots/ (git-ignored). Prints one line per
 * check and a closing `N passed, N failed`; writes the counts to
 * e2e/screenshots/results.json for .ci/run.
 */
const { spawn } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { chromium } = require('playwright-core');

const root = path.resolve(__dirname, '..');
const screenshots = path.join(__dirname, 'screenshots');
const APP = 'http://localhost:3100';
const BACKEND = 'http://localhost:7107';
const TOKEN = `e2e-${process.pid}-${Date.now()}`;
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

const results = [];
async function check(name, fn) {
  const started = Date.now();
  try {
    await fn();
    results.push({ name, ok: true });
    console.log(`ok   ${name} (${Date.now() - started} ms)`);
  } catch (error) {
    results.push({ name, ok: false, error: String(error && error.message) });
    console.log(`FAIL ${name}: ${error && error.message}`);
  }
}

function assert(condition, message) {
  if (!condition) throw new Error(message);
}

async function waitFor(what, fn, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  let lastError;
  while (Date.now() < deadline) {
    try {
      if (await fn()) return;
    } catch (e) {
      lastError = e;
    }
    await new Promise(r => setTimeout(r, 1000));
  }
  throw new Error(
    `Timed out waiting for ${what}${lastError ? `: ${lastError.message}` : ''}`,
  );
}

function startPortal(dataDir) {
  const child = spawn(
    'npx',
    [
      'backstage-cli',
      'repo',
      'start',
      '--config',
      path.join(root, 'app-config.yaml'),
      '--config',
      path.join(__dirname, 'app-config.e2e.yaml'),
    ],
    {
      cwd: root,
      detached: true,
      env: {
        ...process.env,
        RELIABILITY_API_TOKEN: TOKEN,
        APP_CONFIG_backend_database_connection_directory: dataDir,
        BROWSER: 'none',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const log = fs.createWriteStream(path.join(screenshots, 'portal.log'));
  child.stdout.pipe(log);
  child.stderr.pipe(log);
  return child;
}

async function main() {
  fs.mkdirSync(screenshots, { recursive: true });
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'reliability-e2e-'));
  const portal = startPortal(dataDir);
  const stopPortal = () => {
    try {
      process.kill(-portal.pid, 'SIGTERM');
    } catch {
      /* already gone */
    }
  };
  process.on('exit', stopPortal);

  let browser;
  try {
    await check(
      'portal starts and the catalog loads the demo entities',
      async () => {
        await waitFor(
          'the backend and the demo catalog',
          async () => {
            const res = await fetch(
              `${BACKEND}/api/catalog/entities/by-name/component/default/checkout-api`,
              { headers: { Authorization: `Bearer ${TOKEN}` } },
            );
            return res.ok;
          },
          180_000,
        );
        await waitFor(
          'the app dev server',
          async () => (await fetch(APP)).ok,
          180_000,
        );
      },
    );

    await check(
      'API: the summary needs credentials (401 without)',
      async () => {
        const res = await fetch(
          `${BACKEND}/api/reliability/v1/entities/component/default/checkout-api/summary`,
        );
        assert(res.status === 401, `expected 401, got ${res.status}`);
      },
    );

    await check('API: the token reads a tier-0 summary', async () => {
      const res = await fetch(
        `${BACKEND}/api/reliability/v1/entities/component/default/checkout-api/summary`,
        { headers: { Authorization: `Bearer ${TOKEN}` } },
      );
      assert(res.status === 200, `expected 200, got ${res.status}`);
      const body = await res.json();
      assert(
        body.tier && body.tier.id === 'tier-0',
        `tier was ${JSON.stringify(body.tier)}`,
      );
    });

    await check(
      'API: a script creates an SLO, pushes measurements and reads its status',
      async () => {
        const headers = {
          Authorization: `Bearer ${TOKEN}`,
          'Content-Type': 'application/json',
        };
        const url = `${BACKEND}/api/reliability/v1/entities/component/default/inventory-sync/slos/sync-availability`;
        const created = await fetch(url, {
          method: 'PUT',
          headers,
          body: JSON.stringify({
            displayName: 'Sync availability',
            indicator: {
              spec: {
                ratioMetric: {
                  good: { metricSource: { type: 'api' } },
                  total: { metricSource: { type: 'api' } },
                },
              },
            },
            timeWindow: [{ duration: '28d', isRolling: true }],
            budgetingMethod: 'Occurrences',
            objectives: [{ target: 0.99 }],
          }),
        });
        assert(
          created.status === 201,
          `PUT answered ${created.status}: ${await created.text()}`,
        );
        const minute = Math.floor(Date.now() / 60_000) * 60_000;
        const points = [
          {
            timestamp: new Date(minute - 10 * 60_000).toISOString(),
            good: 990,
            total: 1000,
          },
          {
            timestamp: new Date(minute - 60_000).toISOString(),
            good: 180,
            total: 200,
          },
        ];
        for (let i = 0; i < 2; i++) {
          const pushed = await fetch(`${url}/measurements`, {
            method: 'POST',
            headers,
            body: JSON.stringify(points),
          });
          assert(pushed.status === 200, `POST answered ${pushed.status}`);
        }
        const status = await (
          await fetch(`${url}/status?at=${new Date(minute).toISOString()}`, {
            headers,
          })
        ).json();
        // Hand-worked: 1170/1200 good; budget 12 events; 30 bad → consumed 2.5.
        const close = (a, b) => Math.abs(a - b) < 1e-9;
        assert(
          status.total === 1200 && status.good === 1170,
          `counts ${status.good}/${status.total}`,
        );
        assert(
          close(status.attainment, 0.975),
          `attainment ${status.attainment}`,
        );
        assert(
          close(status.errorBudget.remaining, -1.5),
          `remaining ${status.errorBudget.remaining}`,
        );
        assert(
          close(status.burnRates['5m'], 10),
          `5m burn ${status.burnRates['5m']}`,
        );
        assert(status.status === 'exhausted', `status ${status.status}`);
      },
    );

    await check(
      'API: a script creates a rotation and reads who is on call across the March change',
      async () => {
        const headers = {
          Authorization: `Bearer ${TOKEN}`,
          'Content-Type': 'application/json',
        };
        const put = await fetch(
          `${BACKEND}/api/reliability/v1/rotations/observability-e2e`,
          {
            method: 'PUT',
            headers,
            body: JSON.stringify({
              name: 'Observability (e2e)',
              team: 'group:default/observability',
              timeZone: 'Europe/Berlin',
              handoffAnchor: '2026-03-02T09:00',
              shiftLength: 'P1W',
              levels: [
                {
                  users: [
                    'user:default/gita',
                    'user:default/hugo',
                    'user:default/lena',
                  ],
                },
              ],
            }),
          },
        );
        assert(
          put.status === 201,
          `PUT answered ${put.status}: ${await put.text()}`,
        );
        const oncallAt = async at =>
          (
            await fetch(
              `${BACKEND}/api/reliability/v1/entities/component/default/alert-router/oncall?at=${at}`,
              { headers },
            )
          ).json();
        // Monday 30 March 2026, 09:30 CEST = 07:30 UTC: shift 4 (hugo) has
        // started at 07:00 UTC; a UTC-only schedule would still say gita.
        const after = await oncallAt('2026-03-30T07:30:00Z');
        assert(
          after.levels[0].user.ref === 'user:default/hugo',
          `at 07:30Z: ${after.levels[0].user.ref}`,
        );
        assert(
          after.levels[0].user.displayName === 'Hugo Hartmann',
          'display name from the catalog',
        );
        const before = await oncallAt('2026-03-30T06:59:00Z');
        assert(
          before.levels[0].user.ref === 'user:default/gita',
          `at 06:59Z: ${before.levels[0].user.ref}`,
        );
        const del = await fetch(
          `${BACKEND}/api/reliability/v1/rotations/observability-e2e`,
          { method: 'DELETE', headers },
        );
        assert(del.status === 204, `DELETE answered ${del.status}`);
      },
    );

    await check(
      'demo SLO data is seeded: payments pages, the ledger is frozen',
      async () => {
        const summary = async name =>
          (
            await fetch(
              `${BACKEND}/api/reliability/v1/entities/component/default/${name}/summary`,
              {
                headers: { Authorization: `Bearer ${TOKEN}` },
              },
            )
          ).json();
        await waitFor(
          'the demo measurements',
          async () =>
            (await summary('ledger')).slos.some(s => s.status === 'exhausted'),
          180_000,
        );
        const payments = await summary('payment-gateway');
        assert(
          payments.slos[0].status === 'page',
          `payments is ${payments.slos[0].status}`,
        );
      },
    );

    await check(
      'API: a script records an incident resolved on a Friday and reads the postmortem due date',
      async () => {
        const headers = {
          Authorization: `Bearer ${TOKEN}`,
          'Content-Type': 'application/json',
        };
        const res = await fetch(`${BACKEND}/api/reliability/v1/incidents`, {
          method: 'POST',
          headers,
          body: JSON.stringify({
            title: 'e2e: checkout errors',
            severity: 'SEV1',
            entityRefs: ['component:default/checkout-api'],
            startedAt: '2026-11-20T15:00:00Z',
            resolvedAt: '2026-11-20T17:00:00Z', // Friday 18:00 in Berlin
          }),
        });
        assert(res.status === 201, `POST answered ${res.status}: (see body)`);
        const body = await res.json();
        // Tier 0: SEV1 postmortems within 5 business days (Europe/Berlin):
        // Mon 23 … Fri 27 November, due at the end of Friday.
        assert(
          body.postmortem.dueAt === '2026-11-27T22:59:59.999Z',
          `due ${body.postmortem.dueAt}`,
        );
        assert(body.durations.timeToResolveMs === 2 * 3_600_000, 'MTTR');
      },
    );

    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--disable-quic',
        '--no-first-run',
      ],
    });
    const page = await browser.newPage({
      viewport: { width: 1400, height: 1000 },
    });
    page.setDefaultTimeout(60_000);

    await check('guest sign-in', async () => {
      await page.goto(`${APP}/catalog/default/component/checkout-api`);
      const enter = page.getByRole('button', { name: 'Enter' });
      await enter.click();
      await page
        .getByRole('heading', { name: /checkout/i })
        .first()
        .waitFor();
    });

    await check(
      'a tier-0 component shows its tier badge with requirements',
      async () => {
        const badge = page.getByTestId('reliability-tier-chip').first();
        await badge.waitFor();
        const label = await badge.innerText();
        assert(label.includes('Tier 0 (critical)'), `badge said '${label}'`);
        await badge.hover();
        await page
          .getByText('SLO required, target at least 99.9 %')
          .first()
          .waitFor();
        await page.waitForTimeout(500); // let the tooltip finish fading in
        await page.screenshot({
          path: path.join(screenshots, 'entity-overview.png'),
        });
      },
    );

    await check(
      'the Reliability tab shows the tier and what it requires',
      async () => {
        await page.mouse.move(0, 0);
        await page.getByRole('tab', { name: 'Reliability' }).click();
        await page.getByText('What this tier requires').waitFor();
        await page.getByText('Runbook link required').first().waitFor();
        await page.screenshot({
          path: path.join(screenshots, 'entity-reliability-tab.png'),
        });
      },
    );

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
        await page.screenshot({
          path: path.join(screenshots, 'slo-card-paging.png'),
          fullPage: true,
        });
        await page.goto(`${APP}/catalog/default/component/ledger/reliability`);
        await page.getByText('Deploys are frozen').waitFor();
        await page.getByText('Show budget chart').click();
        await page
          .getByRole('img', { name: /Error budget remaining over time/ })
          .waitFor();
        await page.screenshot({
          path: path.join(screenshots, 'slo-card-frozen.png'),
          fullPage: true,
        });
      },
    );

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
        await page.screenshot({
          path: path.join(screenshots, 'oncall-card.png'),
          fullPage: true,
        });
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
        await page.screenshot({
          path: path.join(screenshots, 'group-oncall-tab.png'),
          fullPage: true,
        });
        await page.goto(
          `${APP}/catalog/default/component/alert-router/reliability`,
        );
        await page
          .getByText('No on-call rotation answers for this entity.')
          .waitFor();
      },
    );

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
        await page.screenshot({
          path: path.join(screenshots, 'postmortem-actions.png'),
          fullPage: true,
        });
        await page.goto(
          `${APP}/catalog/default/component/checkout-api/incidents`,
        );
        await page.getByText(/^Incidents \(\d+\)$/).waitFor();
        await page.screenshot({
          path: path.join(screenshots, 'incidents-tab.png'),
          fullPage: true,
        });
      },
    );

    await check(
      'an SRE takes a pending review from the queue, waives what fails and approves',
      async () => {
        // The demo review is seeded by the status task once the catalog has
        // the entities; reload until it is there.
        await waitFor(
          'the demo readiness review',
          async () => {
            await page.goto(`${APP}/reliability/reviews`);
            return page
              .getByRole('link', { name: 'cart-service' })
              .waitFor({ timeout: 5_000 })
              .then(
                () => true,
                () => false,
              );
          },
          120_000,
        );
        await page.getByText(/Rollback plan, Security review/).waitFor();
        await page.screenshot({
          path: path.join(screenshots, 'readiness-queue.png'),
          fullPage: true,
        });
        const row = page.getByRole('row').filter({ hasText: 'cart-service' });
        await row.getByRole('button', { name: 'Decide' }).click();
        const approve = page.getByRole('button', { name: 'Approve' });
        assert(
          await approve.isDisabled(),
          'Approve enabled with failing items',
        );
        // Approved once, 75 days ago, on a rollback attestation that has
        // expired since.
        const changes = page.getByTestId('readiness-changes');
        await changes.getByText(/Since the last approval/).waitFor();
        await changes.getByText('Rollback plan: attested → expired').waitFor();
        await page.waitForTimeout(500); // let the dialog finish fading in
        await page.screenshot({
          path: path.join(screenshots, 'readiness-decision.png'),
        });
        await page.getByRole('button', { name: 'Cancel' }).click();

        await page.getByRole('link', { name: 'cart-service' }).click();
        const card = page.getByTestId('readiness-rollback');
        await card.waitFor();
        for (const item of ['rollback', 'security']) {
          await page
            .getByTestId(`readiness-${item}`)
            .getByRole('button', { name: 'Waive' })
            .click();
          await page
            .getByLabel(/Reason/)
            .fill('Accepted for the launch; tracked in REL-12');
          await page
            .getByRole('button', { name: 'Waive', exact: true })
            .last()
            .click();
          await page
            .getByTestId(`readiness-${item}`)
            .getByText(/^waived until/)
            .waitFor();
        }
        await page.getByText(/^Ready · /).waitFor();

        await page.goto(`${APP}/reliability/reviews`);
        await page
          .getByRole('row')
          .filter({ hasText: 'cart-service' })
          .getByText('none')
          .waitFor();
        await page
          .getByRole('row')
          .filter({ hasText: 'cart-service' })
          .getByRole('button', { name: 'Decide' })
          .click();
        await page.getByRole('button', { name: 'Approve' }).click();
        await page.getByRole('dialog').waitFor({ state: 'detached' });

        await page.goto(
          `${APP}/catalog/default/component/cart-service/reliability`,
        );
        await page
          .getByTestId('readiness-review')
          .getByText(/^Review approved by gita/)
          .waitFor();
        await page.screenshot({
          path: path.join(screenshots, 'readiness-approved.png'),
          fullPage: true,
        });
      },
    );

    await check(
      'an untiered component explains how to add a tier',
      async () => {
        await page.goto(
          `${APP}/catalog/default/component/inventory-sync/reliability`,
        );
        await page.getByText('This entity has no tier yet').waitFor();
        await page.screenshot({
          path: path.join(screenshots, 'entity-untiered.png'),
        });
      },
    );

    await check(
      'a manager filters the overview by tier and gap, sees rows and counts change, and exports CSV',
      async () => {
        const api = async query => {
          const res = await fetch(
            `${BACKEND}/api/reliability/v1/overview?${query}`,
            { headers: { Authorization: `Bearer ${TOKEN}` } },
          );
          assert(res.ok, `overview answered ${res.status}`);
          return res.json();
        };
        const all = await api('limit=1');
        const tier0 = await api('limit=1&tier=tier-0');
        const gapped = await api('limit=1&tier=tier-0&gap=no-rotation');
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
        await page.screenshot({
          path: path.join(screenshots, 'overview-filtered.png'),
          fullPage: true,
        });
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

    await check(
      "a manager opens their department's scorecard against the targets",
      async () => {
        const res = await fetch(
          `${BACKEND}/api/reliability/v1/teams/default/commerce/scorecard`,
          { headers: { Authorization: `Bearer ${TOKEN}` } },
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
        await page.screenshot({
          path: path.join(screenshots, 'team-scorecard.png'),
          fullPage: true,
        });
      },
    );

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
      await page.screenshot({
        path: path.join(screenshots, 'catalog-tier-column.png'),
        fullPage: true,
      });
    });
  } finally {
    if (browser) await browser.close();
    stopPortal();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }

  const passed = results.filter(r => r.ok).length;
  const failed = results.length - passed;
  fs.writeFileSync(
    path.join(screenshots, 'results.json'),
    JSON.stringify({ passed, failed, results }, null, 2),
  );
  console.log(`e2e: ${passed} passed, ${failed} failed`);
  process.exit(failed === 0 && passed > 0 ? 0 : 1);
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
