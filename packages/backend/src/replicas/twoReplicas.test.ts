/*
 * Two demo backends started at the same moment on one fresh PostgreSQL
 * (issue #13 item 6): migrations once, demo seeding once, every scheduled
 * task once per interval across both, no duplicate team snapshots. Runs
 * only when BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING is set.
 *
 * The plugin sends no notifications (it depends on no notifications
 * service), so there are none to count twice.
 */
import fs from 'fs';
import os from 'os';
import path from 'path';
import {
  BackendProcess,
  freePort,
  killAllBackends,
  repoRoot,
  startBackend,
  waitUntil,
} from './backendProcess';
import { scratchPostgres, ScratchPostgres } from './scratchPostgres';
import { taskRunFigures, TaskRunFigures, taskRunsOf } from './taskRuns';

const connection =
  process.env.BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING;
const describeOnPostgres = connection ? describe : describe.skip;

/**
 * Each task's interval here: short, so that several pass in a minute, and
 * not multiples of the scheduler's 5 s polling, so that which replica
 * polls first after a run falls due can change.
 */
const FREQUENCY_SECONDS = {
  'reliability-catalog-sync': 9,
  'reliability-summary-repair': 12,
  'reliability-team-snapshots': 13,
  'reliability-slo-status': 11,
  'reliability-sli-rollup': 17,
} as const;
/** The scheduler polls for due runs this often (less for shorter tasks). */
const POLL_MS = 5_000;
/** Event-loop lag allowed on a loaded 2-core machine. */
const LAG_MS = 2_000;
/** How long the runs are counted for, from the moment both are healthy. */
const WINDOW_MS = 60_000;

const every = (seconds: number) => ({
  // minutes: 0 too: config merges objects, and app-config.yaml sets minutes.
  frequency: { minutes: 0, seconds },
  timeout: { minutes: 2 },
  initialDelay: { seconds: 1 },
});

/** `kind: Group` documents in the demo catalog's org file. */
function demoGroupCount(): number {
  const org = fs.readFileSync(path.join(repoRoot, 'examples/org.yaml'), 'utf8');
  return org.split('\n').filter(line => line.trim() === 'kind: Group').length;
}

/** How often a log line matching `pattern` appears across the replicas. */
function logCount(replicas: BackendProcess[], pattern: RegExp): number {
  return replicas.flatMap(r => r.lines).filter(l => pattern.test(l)).length;
}

/** The numbers N of lines `... N ...` matching `pattern`, summed. */
function logSum(replicas: BackendProcess[], pattern: RegExp): number {
  return replicas
    .flatMap(r => r.lines)
    .map(l => pattern.exec(l))
    .reduce((sum, m) => sum + (m ? Number(m[1]) : 0), 0);
}

describeOnPostgres('two backend replicas on one PostgreSQL database', () => {
  let dir: string;
  let database: ScratchPostgres;
  const replicas: BackendProcess[] = [];

  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'reliability-replicas-'));
    database = scratchPostgres(connection!, 'replicas');
  });

  afterAll(async () => {
    killAllBackends();
    await Promise.all(replicas.map(r => r.exited));
    await database?.drop();
  }, 60_000);

  it('start together: migrations, demo seeding and each task interval run once', async () => {
    const ports = [await freePort(), await freePort()];
    const configOf = (port: number) => ({
      app: { baseUrl: `http://localhost:${port}` },
      backend: {
        baseUrl: `http://localhost:${port}`,
        listen: { port },
        cors: { origin: `http://localhost:${port}` },
        database: database.backendDatabaseConfig,
      },
      reliability: {
        // One local Prometheus per replica would fight over its port and
        // folder, and its backfill over the two cores the timings assume.
        demoData: { prometheus: { enabled: false } },
        catalogSync: {
          schedule: every(FREQUENCY_SECONDS['reliability-catalog-sync']),
        },
        overview: {
          repairSchedule: every(
            FREQUENCY_SECONDS['reliability-summary-repair'],
          ),
          snapshotSchedule: every(
            FREQUENCY_SECONDS['reliability-team-snapshots'],
          ),
        },
        slos: {
          statusSchedule: every(FREQUENCY_SECONDS['reliability-slo-status']),
          rollupSchedule: every(FREQUENCY_SECONDS['reliability-sli-rollup']),
        },
      },
    });
    // The same tick: neither has a head start on the fresh database.
    for (const [i, port] of ports.entries()) {
      replicas.push(
        startBackend({
          name: `replica-${i + 1}-port-${port}`,
          port,
          dir,
          config: configOf(port),
        }),
      );
    }
    const startedAt = Date.now();
    await Promise.all(replicas.map(r => r.waitForHealth(150_000)));
    const from = Date.now();
    const healthySeconds = (from - startedAt) / 1000;

    const reliabilityDb = database.pluginDatabase('reliability');
    const groups = demoGroupCount();
    // Seeding is done once the last parts are in: the readiness story and
    // every team's made-up trend history (after its first real snapshot).
    await waitUntil('the demo data to be seeded', 120_000, async () => {
      const [{ reviews }] = await reliabilityDb('readiness_reviews').count({
        reviews: '*',
      });
      const teams = await reliabilityDb('team_snapshots')
        .select('team_ref')
        .count({ days: '*' })
        .groupBy('team_ref');
      return (
        Number(reviews) > 0 &&
        teams.length === groups &&
        teams.every(t => Number(t.days) > 1)
      );
    });
    const seededSeconds = (Date.now() - startedAt) / 1000;
    // Runs that start in the window log when they end: give the last a moment.
    const to = from + WINDOW_MS;
    await waitUntil(
      'the counting window to pass',
      WINDOW_MS + 10_000,
      () => Date.now() > to + 5_000,
    );
    for (const replica of replicas) {
      expect(replica.hasExited()).toBe(false);
    }
    // A takeover: the replica that seeded stops, and the other runs the
    // demo task with nothing marked done in its memory (the scheduler
    // gives each task to whichever replica polls first, often the same
    // one): it must find every part written and write none again.
    const seeder = replicas.find(r =>
      r.lines.some(l => l.includes('Demo data: wrote 6 incidents')),
    )!;
    const survivor = replicas.find(r => r !== seeder)!;
    await seeder.stop();
    const seederStoppedAt = new Date();
    await waitUntil(
      `${survivor.name} to run the demo data task`,
      60_000,
      async () => {
        const task = await reliabilityDb('backstage_backend_tasks__tasks')
          .where({ id: 'reliability-demo-data' })
          .first();
        return (
          !!task?.last_run_ended_at &&
          new Date(task.last_run_ended_at) > seederStoppedAt
        );
      },
    );
    expect(survivor.hasExited()).toBe(false);
    await survivor.stop();

    const runs = replicas.flatMap(r => taskRunsOf(r.name, r.lines));
    const figures: TaskRunFigures[] = Object.entries(FREQUENCY_SECONDS).map(
      ([task, seconds]) => taskRunFigures(task, seconds * 1000, runs, from, to),
    );
    console.log(
      [
        `Two replicas (ports ${ports.join(', ')}), database prefix ${
          database.prefix
        }: both healthy after ${healthySeconds.toFixed(
          1,
        )} s, demo data seeded after ${seededSeconds.toFixed(1)} s.`,
        `Demo data seeded by ${seeder.name}; ${survivor.name} ran the demo task after it stopped.`,
        `Task runs that started in the ${
          WINDOW_MS / 1000
        } s after both were healthy:`,
        '| task | every | expected | runs | per replica | overlaps | min gap | longest run |',
        '|---|---|---|---|---|---|---|---|',
        ...figures.map(
          f =>
            `| ${f.task} | ${f.frequencyMs / 1000} s | ${f.expected.toFixed(
              1,
            )} | ${f.runs} | ${replicas
              .map(r => f.byReplica[r.name] ?? 0)
              .join(' + ')} | ${f.overlaps} | ${
              f.minGapMs === null ? '-' : `${(f.minGapMs / 1000).toFixed(1)} s`
            } | ${f.longestRunMs} ms |`,
        ),
        `Logs: ${dir}`,
      ].join('\n'),
    );

    // Each task once per interval across both: within one run of what
    // one scheduler makes in the window, never two runs at a time, and
    // consecutive starts an interval apart, less the polling delay of the
    // earlier one (and some lag). Which replica takes a run is the
    // scheduler's choice (often the same one): the figures show it.
    expect(
      figures.map(f => ({
        task: f.task,
        withinOneOfExpected: Math.abs(f.runs - f.expected) <= 1,
        overlaps: f.overlaps,
        failed: f.failed,
        startsAnIntervalApart:
          f.minGapMs !== null && f.minGapMs >= f.frequencyMs - POLL_MS - LAG_MS,
      })),
    ).toEqual(
      figures.map(f => ({
        task: f.task,
        withinOneOfExpected: true,
        overlaps: 0,
        failed: 0,
        startsAnIntervalApart: true,
      })),
    );

    // Migrations once: each file recorded once, all in the first batch.
    const migrationFiles = fs
      .readdirSync(
        path.join(repoRoot, 'plugins/reliability-backend/migrations'),
      )
      .filter(file => file.endsWith('.js'))
      .sort();
    const migrations = await reliabilityDb('knex_migrations')
      .select('name', 'batch')
      .orderBy('name');
    expect(migrations).toEqual(
      migrationFiles.map(name => ({ name, batch: 1 })),
    );
    const schedulerMigrations = await reliabilityDb(
      'backstage_backend_tasks__knex_migrations',
    ).select('name');
    expect(new Set(schedulerMigrations.map(m => m.name)).size).toBe(
      schedulerMigrations.length,
    );
    for (const lockTable of [
      'knex_migrations_lock',
      'backstage_backend_tasks__knex_migrations_lock',
    ]) {
      expect(await reliabilityDb(lockTable).select('is_locked')).toEqual([
        { is_locked: 0 },
      ]);
    }

    // Demo seeding once: the seeded tables hold one seeding's rows
    // (hand-counted from the module's seed functions and app-config.yaml).
    const counts: Record<string, number> = {};
    for (const table of [
      'rotations',
      'rotation_overrides',
      'incidents',
      'incident_entities',
      'postmortems',
      'actions',
      'readiness_attestations',
      'readiness_waivers',
      'readiness_reviews',
    ]) {
      const [{ n }] = await reliabilityDb(table).count({ n: '*' });
      counts[table] = Number(n);
    }
    expect(counts).toEqual({
      rotations: 5,
      rotation_overrides: 1,
      incidents: 6,
      incident_entities: 7,
      postmortems: 4,
      actions: 6,
      readiness_attestations: 4,
      readiness_waivers: 3,
      readiness_reviews: 3,
    });
    // ... and said so once, on whichever replica did it.
    expect({
      rotations: logCount(replicas, /Demo data: wrote 5 on-call rotations/),
      incidents: logCount(replicas, /Demo data: wrote 6 incidents/),
      readiness: logCount(replicas, /Demo data: readiness reviews/),
      historySlos: logSum(
        replicas,
        /Demo data: loaded 30 days of measurements for (\d+) SLOs/,
      ),
      trendTeams: logSum(
        replicas,
        /Demo data: 90 days of made-up trends for (\d+) teams/,
      ),
    }).toEqual({
      rotations: 1,
      incidents: 1,
      readiness: 1,
      historySlos: 5,
      trendTeams: groups,
    });

    // Team snapshots: one row per team and day, never two; each team has
    // its 89 made-up days plus one per day the snapshot task ran on.
    const duplicates = await reliabilityDb('team_snapshots')
      .select('team_ref', 'day')
      .count({ n: '*' })
      .groupBy('team_ref', 'day')
      .having(reliabilityDb.raw('count(*) > 1'));
    expect(duplicates).toEqual([]);
    const snapshotDays = new Set(
      runs
        .filter(r => r.task === 'reliability-team-snapshots')
        .map(r => new Date(r.start).toISOString().slice(0, 10)),
    ).size;
    const perTeam: Array<{ team_ref: string; n: string | number }> =
      await reliabilityDb('team_snapshots')
        .select('team_ref')
        .count({ n: '*' })
        .groupBy('team_ref');
    expect(perTeam).toHaveLength(groups);
    for (const team of perTeam) {
      expect({ team: team.team_ref, days: Number(team.n) }).toEqual({
        team: team.team_ref,
        days: 89 + snapshotDays,
      });
    }
  }, 240_000);
});
