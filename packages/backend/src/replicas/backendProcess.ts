import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { ChildProcess, spawn } from 'child_process';
import fs from 'fs';
import net from 'net';
import path from 'path';

/** The demo backend's package and the repository root. */
const backendDir = resolvePackagePath('backend');
export const repoRoot = path.resolve(backendDir, '../..');

/** Every backend this test process started, so none outlives it. */
const running = new Set<ChildProcess>();
process.on('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

/** Kills every backend still running (afterAll, whatever happened). */
export function killAllBackends(): void {
  for (const child of running) child.kill('SIGKILL');
}

/** A TCP port nobody listens on right now, from the OS. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** Thrown by a `waitUntil` condition that can never hold any more. */
export class GiveUp extends Error {}

/**
 * Polls `ready` every `intervalMs` until it holds; never a fixed sleep. A
 * condition that throws is tried again, unless it throws {@link GiveUp}.
 */
export async function waitUntil(
  what: string,
  timeoutMs: number,
  ready: () => Promise<boolean> | boolean,
  intervalMs = 250,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      if (await ready()) return;
    } catch (error) {
      if (error instanceof GiveUp) throw error;
      lastError = error;
    }
    await new Promise(r => setTimeout(r, intervalMs));
  }
  throw new Error(
    `Timed out after ${timeoutMs} ms waiting for ${what}${
      lastError ? ` (last error: ${lastError})` : ''
    }`,
  );
}

/** One demo backend process (packages/backend/src/index.ts), run from source. */
export interface BackendProcess {
  name: string;
  port: number;
  baseUrl: string;
  pid: number;
  /** Its log lines so far, without colours. */
  lines: string[];
  /** Resolves when the process has ended, with how. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  hasExited(): boolean;
  /** Resolves once `/api/reliability/health` answers 200. */
  waitForHealth(timeoutMs?: number): Promise<void>;
  kill(signal: NodeJS.Signals): void;
  /** SIGTERM, then SIGKILL if it has not ended within 15 s. */
  stop(): Promise<void>;
}

// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;]*m/g;

/**
 * Starts the demo backend the way `backstage-cli package start` runs it,
 * without the watcher: node with Backstage's TypeScript transform, in
 * packages/backend, on app-config.yaml plus `config` (written as JSON,
 * which is YAML). Its output goes to `logFile` and into `lines`.
 */
export function startBackend(options: {
  name: string;
  port: number;
  config: object;
  dir: string;
  env?: Record<string, string>;
}): BackendProcess {
  const { name, port, dir } = options;
  const configFile = path.join(dir, `app-config.${name}.json`);
  fs.writeFileSync(configFile, JSON.stringify(options.config, null, 2));
  const logFile = path.join(dir, `${name}.log`);
  const child = spawn(
    process.execPath,
    [
      '--require',
      '@backstage/cli-node/config/nodeTransform.cjs',
      'src/index.ts',
      '--config',
      path.join(repoRoot, 'app-config.yaml'),
      '--config',
      configFile,
    ],
    {
      cwd: backendDir,
      env: {
        ...process.env,
        // As `backstage-cli package start` runs it (jest sets "test").
        NODE_ENV: 'development',
        ...options.env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  running.add(child);
  const lines: string[] = [];
  const log = fs.createWriteStream(logFile, { flags: 'a' });
  log.write(`--- ${name} started ${new Date().toISOString()}\n`);
  for (const stream of [child.stdout!, child.stderr!]) {
    let rest = '';
    stream.on('data', (chunk: Buffer) => {
      log.write(chunk);
      const parts = (rest + chunk.toString('utf8')).split('\n');
      rest = parts.pop()!;
      for (const line of parts) lines.push(line.replace(ANSI, ''));
    });
  }
  let ended = false;
  const exited = new Promise<{
    code: number | null;
    signal: NodeJS.Signals | null;
  }>(resolve => {
    child.on('exit', (code, signal) => {
      ended = true;
      running.delete(child);
      log.end(`--- ${name} exited (${signal ?? code})\n`);
      resolve({ code, signal });
    });
  });
  const baseUrl = `http://localhost:${port}`;
  return {
    name,
    port,
    baseUrl,
    pid: child.pid!,
    lines,
    exited,
    hasExited: () => ended,
    async waitForHealth(timeoutMs = 120_000) {
      await waitUntil(
        `${name} to answer on ${baseUrl}`,
        timeoutMs,
        async () => {
          const failed = lines.find(line =>
            line.includes('Backend startup failed'),
          );
          if (ended || failed) {
            throw new GiveUp(
              `${name} exited or failed to start:\n${lines
                .slice(-20)
                .join('\n')}`,
            );
          }
          const res = await fetch(`${baseUrl}/api/reliability/health`);
          return res.ok;
        },
      ).catch(error => {
        throw new Error(`${error.message}\nLog: ${logFile}`);
      });
    },
    kill(signal) {
      child.kill(signal);
    },
    async stop() {
      if (ended) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
