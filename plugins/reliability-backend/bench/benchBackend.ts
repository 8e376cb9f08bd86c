import { ChildProcess, spawn } from 'child_process';
import fs from 'fs';
import path from 'path';
import { performance } from 'perf_hooks';

const root = path.resolve(__dirname, '../../..');
const PORT = 7207;
export const BACKEND = `http://localhost:${PORT}`;

/** Latencies of a sequence of requests, in ms. */
export interface Timing {
  p50: number;
  p95: number;
  samples: number;
}

export function timing(values: number[]): Timing {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (p: number) =>
    sorted[
      Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)
    ];
  return { p50: at(50), p95: at(95), samples: values.length };
}

/**
 * The demo backend (catalog, guest auth, permission backend with the demo
 * policy, reliability) started as its own process on the bench's database
 * directory and catalog file, with every reliability task delayed by hours
 * so that nothing runs in the background while it is measured.
 */
export async function startBenchBackend(options: {
  dir: string;
  catalogFile: string;
  /** `backend.database`: SQLite files in `dir`, or PostgreSQL. */
  database: object;
  token: string;
  log: string;
}): Promise<{ stop: () => Promise<void> }> {
  const later = {
    frequency: { hours: 24 },
    timeout: { minutes: 30 },
    initialDelay: { hours: 12 },
  };
  const config = {
    // The app backend serves the production bundle on the backend's port.
    app: { baseUrl: BACKEND },
    backend: {
      baseUrl: BACKEND,
      listen: { port: PORT },
      cors: { origin: BACKEND },
      database: options.database,
      // The bench reads the catalog as well as the reliability API, so its
      // token is unrestricted (app-config.token.yaml's is restricted to the
      // reliability plugin).
      auth: {
        externalAccess: [
          {
            type: 'static',
            options: { token: options.token, subject: 'reliability-bench' },
          },
        ],
      },
    },
    catalog: {
      rules: [
        {
          allow: [
            'Component',
            'System',
            'API',
            'Resource',
            'Location',
            'User',
            'Group',
          ],
        },
      ],
      locations: [{ type: 'file', target: options.catalogFile }],
    },
    reliability: {
      demoData: { enabled: false },
      catalogSync: { schedule: later },
      slos: { statusSchedule: later, rollupSchedule: later },
      overview: { repairSchedule: later, snapshotSchedule: later },
    },
  };
  const configFile = path.join(options.dir, 'app-config.bench.json');
  // JSON is YAML.
  fs.writeFileSync(configFile, JSON.stringify(config));
  const child: ChildProcess = spawn(
    'npx',
    [
      'backstage-cli',
      'package',
      'start',
      '--config',
      path.join(root, 'app-config.yaml'),
      '--config',
      configFile,
    ],
    {
      cwd: path.join(root, 'packages/backend'),
      detached: true,
      env: process.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const log = fs.createWriteStream(options.log);
  child.stdout!.pipe(log);
  child.stderr!.pipe(log);
  const kill = () => {
    try {
      process.kill(-child.pid!, 'SIGTERM');
    } catch {
      // Already gone.
    }
  };
  process.on('exit', kill);
  // Stopped once its port is free, so the next size can take it.
  const stop = async () => {
    kill();
    await waitFor('the bench backend to stop', 60_000, async () => {
      try {
        await fetch(`${BACKEND}/api/reliability/health`);
        return false;
      } catch {
        return true;
      }
    });
  };
  await waitFor('the bench backend', 180_000, async () => {
    const res = await fetch(`${BACKEND}/api/reliability/health`);
    return res.ok;
  });
  return { stop };
}

export async function waitFor(
  what: string,
  timeoutMs: number,
  ready: () => Promise<boolean>,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      if (await ready()) return;
    } catch {
      // Not up yet.
    }
    await new Promise(r => setTimeout(r, 1000));
  }
  throw new Error(`Timed out waiting for ${what}`);
}

/** A signed-in user's token, as the app gets it (guest: gita, an SRE). */
export async function guestToken(): Promise<string> {
  const res = await fetch(`${BACKEND}/api/auth/guest/refresh?env=development`, {
    headers: { 'X-Requested-With': 'XMLHttpRequest' },
  });
  if (!res.ok) throw new Error(`guest sign-in answered ${res.status}`);
  const body = (await res.json()) as { backstageIdentity: { token: string } };
  return body.backstageIdentity.token;
}

/** GETs `paths` in turn (after a warm-up), checking each answer. */
export async function timeGets(
  paths: string[],
  token: string,
  warmUp = 10,
): Promise<Timing> {
  const get = async (p: string) => {
    const res = await fetch(`${BACKEND}${p}`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    if (!res.ok) {
      throw new Error(`GET ${p} answered ${res.status}: ${await res.text()}`);
    }
    await res.arrayBuffer();
  };
  for (const p of paths.slice(0, warmUp)) await get(p);
  const times: number[] = [];
  for (const p of paths) {
    const start = performance.now();
    await get(p);
    times.push(performance.now() - start);
  }
  return timing(times);
}
