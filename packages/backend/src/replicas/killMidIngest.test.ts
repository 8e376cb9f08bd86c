/*
 * A backend killed with SIGKILL in the middle of a 10,000-point ingest
 * (issue #13 item 6): after a restart on the same PostgreSQL database the
 * batch is there whole or not at all, and a retry lands it exactly once.
 * Runs only when BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING is
 * set.
 */
import fs from 'fs';
import http from 'http';
import { Knex } from 'knex';
import os from 'os';
import path from 'path';
import {
  BackendProcess,
  freePort,
  killAllBackends,
  startBackend,
  waitUntil,
} from './backendProcess';
import { scratchPostgres, ScratchPostgres } from './scratchPostgres';

const connection =
  process.env.BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING;
const describeOnPostgres = connection ? describe : describe.skip;

const TOKEN = `kill-mid-ingest-${process.pid}-${Date.now()}`;
const ENTITY_REF = 'component:default/inventory-sync';
const ENTITY = '/api/reliability/v1/entities/component/default/inventory-sync';
const MINUTE_MS = 60_000;

/**
 * 10,000 points over the 5,000 minutes before `lastMinute`, two per
 * minute (at :00 and :30, summed into one bucket): total 100 + i mod 10,
 * bad i mod 4.
 */
function batchBody(lastMinute: number): string {
  const measurements = Array.from({ length: 10_000 }, (_, i) => ({
    timestamp: new Date(
      lastMinute - (i % 5_000) * MINUTE_MS + (i < 5_000 ? 0 : 30_000),
    ).toISOString(),
    good: 100 + (i % 10) - (i % 4),
    total: 100 + (i % 10),
  }));
  return JSON.stringify({ measurements });
}
/**
 * Hand-worked: total = 10,000 × 100 + 1,000 × (0 + 1 + … + 9) = 1,045,000;
 * bad = 2,500 × (0 + 1 + 2 + 3) = 15,000, so good = 1,030,000; in 5,000
 * one-minute buckets.
 */
const WHOLE = { buckets: 5_000, good: 1_030_000, total: 1_045_000 };
const NONE = { buckets: 0, good: 0, total: 0 };

const sloSpec = {
  indicator: {
    spec: {
      ratioMetric: {
        good: { metricSource: { type: 'api' } },
        total: { metricSource: { type: 'api' } },
      },
    },
  },
  timeWindow: [{ duration: '7d', isRolling: true }],
  budgetingMethod: 'Occurrences',
  objectives: [{ target: 0.99 }],
};

/** What the test sees of the reliability database while a batch is sent. */
interface WriteProgress {
  /** Distinct `INSERT INTO "sli_buckets"` statements seen (by start time). */
  inserts: number;
  runningTotals: boolean;
}

/** When a run sends SIGKILL, after the request body has been sent. */
interface KillPlan {
  label: string;
  /** ms after the body was sent, for the plans that use a delay */
  delayMs?: number;
  due(elapsedMs: number, progress: WriteProgress): boolean;
}

interface PostResult {
  status: number | null;
  body: string;
  sentAt: number;
  answeredAt: number | null;
}

/** POSTs a batch with node's http, to know when the body has been sent. */
function postBatch(
  backend: BackendProcess,
  slo: string,
  body: string,
  onSent: () => void = () => {},
): Promise<PostResult> {
  return new Promise(resolve => {
    let sentAt = 0;
    const req = http.request(
      {
        host: '127.0.0.1',
        port: backend.port,
        method: 'POST',
        path: `${ENTITY}/slos/${slo}/measurements`,
        headers: {
          Authorization: `Bearer ${TOKEN}`,
          'Content-Type': 'application/json',
          'Content-Length': Buffer.byteLength(body),
        },
      },
      res => {
        const chunks: Buffer[] = [];
        res.on('data', chunk => chunks.push(chunk));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? null,
            body: Buffer.concat(chunks).toString('utf8'),
            sentAt,
            answeredAt: Date.now(),
          }),
        );
        res.on('error', () =>
          resolve({ status: null, body: '', sentAt, answeredAt: null }),
        );
      },
    );
    req.on('error', error =>
      resolve({ status: null, body: error.message, sentAt, answeredAt: null }),
    );
    req.end(body, () => {
      sentAt = Date.now();
      onSent();
    });
  });
}

async function api(
  backend: BackendProcess,
  urlPath: string,
  init: RequestInit = {},
): Promise<Response> {
  return fetch(`${backend.baseUrl}${urlPath}`, {
    ...init,
    headers: {
      Authorization: `Bearer ${TOKEN}`,
      'Content-Type': 'application/json',
      ...init.headers,
    },
  });
}

async function createSlo(backend: BackendProcess, name: string) {
  const res = await api(backend, `${ENTITY}/slos/${name}`, {
    method: 'PUT',
    body: JSON.stringify(sloSpec),
  });
  if (res.status !== 201) {
    throw new Error(`PUT ${name} answered ${res.status}: ${await res.text()}`);
  }
}

/** The SLO's stored buckets, counted and summed in SQL. */
async function storedSums(db: Knex, slo: string) {
  const row = await db('sli_buckets as b')
    .join('slos as s', 's.id', 'b.slo_id')
    .where({ 's.entity_ref': ENTITY_REF, 's.name': slo })
    .select(
      db.raw('count(*) as buckets'),
      db.raw('coalesce(sum(b.good), 0) as good'),
      db.raw('coalesce(sum(b.total), 0) as total'),
    )
    .first();
  return {
    buckets: Number(row.buckets),
    good: Number(row.good),
    total: Number(row.total),
  };
}

/** The window's counts as the API computes them (from the running totals). */
async function statusSums(backend: BackendProcess, slo: string) {
  const res = await api(backend, `${ENTITY}/slos/${slo}/status`);
  expect(res.status).toBe(200);
  const status = await res.json();
  return { good: status.good, total: status.total };
}

/** Polls pg_stat_activity for the backend's write statements. */
function watchWrites(db: Knex): {
  progress: WriteProgress;
  stop: () => Promise<void>;
} {
  const progress: WriteProgress = { inserts: 0, runningTotals: false };
  const insertStarts = new Set<string>();
  let stopped = false;
  const loop = (async () => {
    while (!stopped) {
      const { rows } = await db.raw(
        `select query, query_start from pg_stat_activity
         where datname = current_database() and pid <> pg_backend_pid()
           and state in ('active', 'idle in transaction')`,
      );
      for (const row of rows as Array<{ query: string; query_start: Date }>) {
        if (row.query.startsWith('INSERT INTO "sli_buckets"')) {
          insertStarts.add(new Date(row.query_start).toISOString());
          progress.inserts = insertStarts.size;
        }
        if (row.query.startsWith('UPDATE sli_buckets SET cum_good')) {
          progress.runningTotals = true;
        }
      }
      await new Promise(resolve => setTimeout(resolve, 2));
    }
  })();
  return {
    progress,
    stop: async () => {
      stopped = true;
      await loop;
    },
  };
}

/** `whole`, `none`, or what a half-written batch left. */
function outcomeOf(stored: typeof WHOLE): string {
  const text = JSON.stringify(stored);
  if (text === JSON.stringify(WHOLE)) return 'whole';
  if (text === JSON.stringify(NONE)) return 'none';
  return `PARTIAL ${text}`;
}

/** Where in the request the kill landed, as far as the test could see. */
function phaseOf(
  answeredStatus: number | null,
  outcome: string,
  progress: WriteProgress,
): string {
  if (answeredStatus !== null) return `after the answer (${answeredStatus})`;
  if (outcome === 'whole') return 'after the commit, before the answer';
  if (progress.runningTotals) return 'during the write: running totals';
  if (progress.inserts > 0) {
    return `during the write: bucket inserts seen ${progress.inserts}`;
  }
  return 'before the write';
}

describeOnPostgres('a backend killed with SIGKILL mid-ingest', () => {
  let dir: string;
  let database: ScratchPostgres;
  const started: BackendProcess[] = [];

  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'reliability-kill-'));
    database = scratchPostgres(connection!, 'killed');
  });

  afterAll(async () => {
    killAllBackends();
    await Promise.all(started.map(b => b.exited));
    await database?.drop();
  }, 60_000);

  it('keeps each 10,000-point batch whole or not at all, and a retry lands it once', async () => {
    const port = await freePort();
    const later = {
      frequency: { hours: 24 },
      timeout: { minutes: 30 },
      initialDelay: { hours: 12 },
    };
    const config = {
      app: { baseUrl: `http://localhost:${port}` },
      backend: {
        baseUrl: `http://localhost:${port}`,
        listen: { port },
        cors: { origin: `http://localhost:${port}` },
        database: database.backendDatabaseConfig,
        // The script's token, scoped as app-config.token.yaml scopes one.
        auth: {
          externalAccess: [
            {
              type: 'static',
              options: { token: TOKEN, subject: 'reliability-api-token' },
              accessRestrictions: [
                {
                  plugin: 'reliability',
                  permission: [
                    'reliability.entity.read',
                    'reliability.slo.manage',
                    'reliability.slo.ingest',
                  ],
                },
              ],
            },
          ],
        },
      },
      // Nothing else writes: no demo data, every task hours away.
      reliability: {
        demoData: { enabled: false },
        catalogSync: { schedule: later },
        slos: { statusSchedule: later, rollupSchedule: later },
        overview: { repairSchedule: later, snapshotSchedule: later },
      },
    };
    const start = (name: string) => {
      const backend = startBackend({
        name,
        port,
        dir,
        config,
      });
      started.push(backend);
      return backend;
    };

    let backend = start('backend-1');
    await backend.waitForHealth(150_000);
    const db = database.pluginDatabase('reliability');
    const body = batchBody(
      Math.floor(Date.now() / MINUTE_MS) * MINUTE_MS - MINUTE_MS,
    );

    // A batch that is not interrupted, sent twice: the sums once, and how
    // long the backend takes from the body sent to its answer.
    await waitUntil('the catalog to hold the entity', 60_000, async () => {
      await createSlo(backend, 'uninterrupted');
      return true;
    });
    const first = await postBatch(backend, 'uninterrupted', body);
    expect(first.status).toBe(200);
    expect(JSON.parse(first.body)).toMatchObject({
      stored: 10_000,
      buckets: 5_000,
    });
    const answerMs = first.answeredAt! - first.sentAt;
    expect((await postBatch(backend, 'uninterrupted', body)).status).toBe(200);
    expect(await storedSums(db, 'uninterrupted')).toEqual(WHOLE);
    expect(await statusSums(backend, 'uninterrupted')).toEqual({
      good: WHOLE.good,
      total: WHOLE.total,
    });

    const random = (from: number, to: number) =>
      Math.round(from + Math.random() * (to - from));
    const delayed = (label: string, delayMs: number): KillPlan => ({
      label,
      delayMs,
      due: elapsed => elapsed >= delayMs,
    });
    const plans: KillPlan[] = [
      delayed('as the body is sent', 0),
      delayed('early, random', random(0.1 * answerMs, 0.5 * answerMs)),
      {
        label: 'at the 2nd of 3 bucket inserts',
        due: (_, progress) => progress.inserts >= 2,
      },
      {
        label: 'at the running-totals update',
        due: (_, progress) => progress.runningTotals,
      },
      delayed('late, random', random(0.6 * answerMs, 1.2 * answerMs)),
    ];

    const report: string[] = [];
    for (const [i, plan] of plans.entries()) {
      const slo = `killed-${i + 1}`;
      await createSlo(backend, slo);
      const watch = watchWrites(db);
      let killedAt: number | null = null;
      let sentAt = 0;
      let progressAtKill: WriteProgress = { inserts: 0, runningTotals: false };
      const victim = backend;
      const posted = postBatch(victim, slo, body, () => {
        sentAt = Date.now();
      });
      let answer: PostResult | null = null;
      posted.then(result => {
        answer = result;
      });
      await waitUntil(
        'the moment to kill',
        30_000,
        () => {
          if (answer) return true;
          if (sentAt && plan.due(Date.now() - sentAt, watch.progress)) {
            progressAtKill = { ...watch.progress };
            victim.kill('SIGKILL');
            killedAt = Date.now();
            return true;
          }
          return false;
        },
        1,
      );
      await watch.stop();
      if (!killedAt) victim.kill('SIGKILL');
      const exit = await victim.exited;
      const result = await posted;
      const answeredFirst = result.status !== null;

      backend = start(`backend-${i + 2}`);
      await backend.waitForHealth(150_000);
      const stored = await storedSums(db, slo);
      const outcome = outcomeOf(stored);
      const apiSums = await statusSums(backend, slo);

      // The retry, the same batch: there once, whatever the kill left.
      const retry = await postBatch(backend, slo, body);
      const afterRetry = await storedSums(db, slo);
      const apiAfterRetry = await statusSums(backend, slo);

      const phase = phaseOf(
        answeredFirst ? result.status : null,
        outcome,
        progressAtKill,
      );
      report.push(
        `| ${i + 1} | ${plan.label} | ${
          killedAt === null ? '-' : `${killedAt - sentAt} ms`
        } | ${phase} | ${exit.signal} | ${outcome} | ${retry.status} → ${
          afterRetry.good
        }/${afterRetry.total} in ${afterRetry.buckets} buckets |`,
      );

      expect({ run: i + 1, outcome }).toEqual({
        run: i + 1,
        outcome: expect.stringMatching(/^(whole|none)$/),
      });
      // A batch the backend had answered for is there.
      expect({ run: i + 1, answered: answeredFirst, outcome }).toEqual({
        run: i + 1,
        answered: answeredFirst,
        outcome: answeredFirst ? 'whole' : outcome,
      });
      expect(apiSums).toEqual({ good: stored.good, total: stored.total });
      expect(retry.status).toBe(200);
      expect(afterRetry).toEqual(WHOLE);
      expect(apiAfterRetry).toEqual({ good: WHOLE.good, total: WHOLE.total });
    }
    console.log(
      [
        `SIGKILL mid-ingest, database prefix ${database.prefix}; an uninterrupted 10,000-point batch answered in ${answerMs} ms (whole: ${WHOLE.good}/${WHOLE.total} in ${WHOLE.buckets} buckets).`,
        '| run | kill | after the body was sent | landed | signal | after restart | retry |',
        '|---|---|---|---|---|---|---|',
        ...report,
        `Logs: ${dir}`,
      ].join('\n'),
    );
    await backend.stop();
  }, 300_000);
});
