/*
 * The real portal (`backstage-cli repo start`) on fresh embedded SQLite in
 * a temporary directory (the demo's Prometheus keeps its data there too),
 * its output in screenshots/portal.log.
 */
const { spawn } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { BACKEND, APP, TOKEN, root, e2eDir, screenshots } = require('./config');
const { waitFor } = require('./checks');

/**
 * Starts the portal; `stop()` ends it and removes its database. `packages`
 * picks the app (for example `['packages/app-next', 'packages/backend']`);
 * without it `repo start` starts packages/app and packages/backend.
 */
function startPortal({ packages = [], logName = 'portal.log' } = {}) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'reliability-e2e-'));
  const child = spawn(
    'npx',
    [
      'backstage-cli',
      'repo',
      'start',
      ...packages,
      '--config',
      path.join(root, 'app-config.yaml'),
      '--config',
      path.join(e2eDir, 'app-config.e2e.yaml'),
    ],
    {
      cwd: root,
      // Its own process group, so stopping it ends the dev servers too.
      detached: true,
      env: {
        ...process.env,
        RELIABILITY_API_TOKEN: TOKEN,
        APP_CONFIG_backend_database_connection_directory: dataDir,
        APP_CONFIG_reliability_demoData_prometheus_directory: path.join(
          dataDir,
          'prometheus',
        ),
        BROWSER: 'none',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const log = fs.createWriteStream(path.join(screenshots, logName));
  child.stdout.pipe(log);
  child.stderr.pipe(log);

  const kill = () => {
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      /* already gone */
    }
  };
  // Also on an unexpected exit: a left-over portal holds the ports. Its own
  // process group gets no Ctrl-C, so an interrupt ends it here too.
  process.on('exit', kill);
  let stopped;
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.once(signal, () => process.exit(1));
  }
  return {
    /** Resolves once the portal's processes are gone and its ports free. */
    async stop() {
      if (!stopped) {
        stopped = new Promise(resolve => {
          if (child.exitCode !== null || child.signalCode !== null) resolve();
          else child.once('exit', resolve);
        });
        kill();
      }
      await stopped;
      // Its dev servers may outlive the npx process by a moment.
      await waitFor(
        'the stopped portal to free its ports',
        async () => !(await answers(BACKEND)) && !(await answers(APP)),
        30_000,
      );
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

async function answers(url) {
  try {
    await fetch(url);
    return true;
  } catch {
    return false;
  }
}

/** Resolves once the backend serves the demo catalog and the app is up. */
async function waitForPortal() {
  await waitFor(
    'the backend and the demo catalog',
    async () => {
      // Through the reliability API: the token may call nothing else (its
      // access restrictions), and a 404 means the catalog lacks it yet.
      const res = await fetch(
        `${BACKEND}/api/reliability/v1/entities/component/default/checkout-api/summary`,
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
}

module.exports = { startPortal, waitForPortal };
