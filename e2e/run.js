#!/usr/bin/env node
/*
 * End-to-end test: starts the real portal (`backstage-cli repo start`) on
 * fresh embedded SQLite and runs every journey in journeys/ in order: first
 * what a script sees of the API, then, in Debian's Chromium driven by
 * playwright-core, what a developer, an SRE and a manager see. Then starts
 * it again with the app on the new frontend system (packages/app-next) and
 * runs the developer journey there too (checks named `new app: …`,
 * screenshots `next-*.png`).
 *
 * Screenshots go to e2e/screenshots/ (git-ignored). Prints one line per
 * check and a closing `N passed, N failed`; writes the counts to
 * e2e/screenshots/results.json for .ci/run.
 */
const fs = require('fs');
const { screenshots } = require('./lib/config');
const { createChecks } = require('./lib/checks');
const { startPortal, waitForPortal } = require('./lib/portal');
const { launchBrowser, setScreenshotPrefix } = require('./lib/browser');

// In order: later journeys rely on the state earlier ones leave (the
// browser journeys start with the guest sign-in).
const JOURNEY_NAMES = [
  'apiAccess',
  'sloScript',
  'rotationScript',
  'demoSloData',
  'incidentScript',
  'entityPage',
  'sloCard',
  'onCall',
  'postmortemActions',
  'readinessReview',
  'untieredEntity',
  'overview',
  'teamScorecard',
  'catalogTierColumn',
  'catalogTierFilter',
];
const load = names => names.map(name => require(`./journeys/${name}`));
const JOURNEYS = load(JOURNEY_NAMES);

// Against the new frontend system's app, on a fresh database: the same
// journeys, the scripts that give the demo its state, then the plugin's
// extensions (the entity's Reliability tab and its cards, the overview, a
// team scorecard, the review queue, the catalog's Tier filter), but for
// what that app does not differ in (the API's access rules, the untiered
// entity's card) or does not have (the legacy catalog's Tier column).
const LEGACY_APP_ONLY = new Set([
  'apiAccess',
  'untieredEntity',
  'catalogTierColumn',
]);
const NEXT_APP_JOURNEYS = load(
  JOURNEY_NAMES.filter(name => !LEGACY_APP_ONLY.has(name)),
);

/** Starts a portal, runs the journeys against it in one browser, stops it. */
async function runAgainst(portalOptions, journeys, check) {
  const portal = startPortal(portalOptions);
  let browser;
  try {
    await check(
      'portal starts and the catalog loads the demo entities',
      waitForPortal,
    );
    let page;
    for (const journey of journeys) {
      // The browser starts with the first journey that needs it.
      if (journey.browser && !browser) {
        ({ browser, page } = await launchBrowser());
      }
      await journey.run({ check, page });
    }
  } finally {
    if (browser) await browser.close();
    await portal.stop();
  }
}

async function main() {
  fs.mkdirSync(screenshots, { recursive: true });
  const { check, writeResults } = createChecks();
  let error;
  try {
    await runAgainst({}, JOURNEYS, check);

    setScreenshotPrefix('next-');
    await runAgainst(
      {
        packages: ['packages/app-next', 'packages/backend'],
        logName: 'portal-next.log',
      },
      NEXT_APP_JOURNEYS,
      (name, fn) => check(`new app: ${name}`, fn),
    );
  } catch (e) {
    // A portal that would not start or stop: what ran is still counted.
    error = e;
    console.error(e);
  }

  const { passed, failed } = writeResults();
  console.log(`e2e: ${passed} passed, ${failed} failed`);
  process.exit(!error && failed === 0 && passed > 0 ? 0 : 1);
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
