/*
 * Debian's Chromium driven by playwright-core (never a downloaded browser),
 * headless, with the background traffic that slows a CI machine turned off.
 */
const path = require('path');
const { chromium } = require('playwright-core');
const { CHROMIUM, screenshots } = require('./config');

async function launchBrowser() {
  const browser = await chromium.launch({
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
  return { browser, page };
}

let screenshotPrefix = '';

/**
 * Names the following screenshots `<prefix><name>`, so a journey run
 * against the second app (`next-`) keeps the first app's pictures.
 */
function setScreenshotPrefix(prefix) {
  screenshotPrefix = prefix;
}

/** Saves a screenshot under e2e/screenshots/ (git-ignored). */
function screenshot(page, fileName, options = {}) {
  return page.screenshot({
    path: path.join(screenshots, `${screenshotPrefix}${fileName}`),
    ...options,
  });
}

module.exports = { launchBrowser, screenshot, setScreenshotPrefix };
