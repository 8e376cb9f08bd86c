import { execFileSync } from 'child_process';
import fs from 'fs';
import path from 'path';
import { chromium } from 'playwright-core';
import zlib from 'zlib';
import { Timing, timing } from './benchBackend';

const root = path.resolve(__dirname, '../../..');
const appDist = path.join(root, 'packages/app/dist');
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

/** What the app's production bundle carries of the frontend plugin. */
export interface BundleFigures {
  /** The eager chunk holding the plugin's entry (its API ref and extensions), gzipped. */
  entryChunkGzipBytes: number;
  entryChunk: string;
  /** Every chunk with the plugin's code (eager and lazy), gzipped, summed. */
  pluginChunksGzipBytes: number;
  pluginChunks: number;
}

/**
 * Builds the demo app for production (`backstage-cli package build`) so the
 * bench backend serves it through the app backend, and measures the
 * plugin's chunks. The chunks are found by what only the plugin's code
 * contains: its API ref id for the entry, its components' texts for the
 * lazy ones.
 */
export function buildAppBundle(): BundleFigures {
  execFileSync('npx', ['backstage-cli', 'package', 'build'], {
    cwd: path.join(root, 'packages/app'),
    stdio: 'ignore',
  });
  const dir = path.join(appDist, 'static');
  const chunks = fs
    .readdirSync(dir)
    .filter(f => f.endsWith('.js'))
    .map(f => {
      const text = fs.readFileSync(path.join(dir, f), 'utf8');
      return { file: f, text, gzip: zlib.gzipSync(text).length };
    });
  const entry = chunks.find(c => c.text.includes('plugin.reliability.api'));
  if (!entry) throw new Error('No chunk holds the reliability plugin entry');
  const plugin = chunks.filter(c =>
    /plugin\.reliability\.api|reliability-tier-chip|Production readiness|Readiness reviews|Export CSV/.test(
      c.text,
    ),
  );
  return {
    entryChunkGzipBytes: entry.gzip,
    entryChunk: entry.file,
    pluginChunksGzipBytes: plugin.reduce((sum, c) => sum + c.gzip, 0),
    pluginChunks: plugin.length,
  };
}

/** Removes the production build again: `npm start` serves the app itself. */
export function removeAppBundle() {
  fs.rmSync(appDist, { recursive: true, force: true });
}

/**
 * The overview page's first render in headless Chromium: a full page load
 * of `/reliability` with a filter (bundle in the browser cache, as for a
 * user arriving from another page of the portal), until the table's first
 * row shows. Signs in as guest first.
 */
export async function benchOverviewRender(options: {
  baseUrl: string;
  path: string;
  samples: number;
}): Promise<Timing | undefined> {
  if (!fs.existsSync(CHROMIUM)) {
    console.error(`No Chromium at ${CHROMIUM}: the render row is skipped`);
    return undefined;
  }
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  try {
    const page = await browser.newPage({
      viewport: { width: 1400, height: 1000 },
    });
    page.setDefaultTimeout(60_000);
    await page.goto(`${options.baseUrl}/reliability`);
    await page.getByRole('button', { name: 'Enter' }).click();
    await page.locator('tbody tr').first().waitFor();
    const times: number[] = [];
    for (let i = 0; i < options.samples; i++) {
      const start = Date.now();
      await page.goto(`${options.baseUrl}${options.path}`);
      await page.locator('tbody tr a').first().waitFor();
      times.push(Date.now() - start);
    }
    return timing(times);
  } finally {
    await browser.close();
  }
}
