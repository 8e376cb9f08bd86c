/*
 * `npm run bench`: the DESIGN §6 table at sizes S and M (`-- --size=S` for
 * one size). For each size it seeds a SQLite file per plugin (catalog and
 * reliability), starts the demo backend on them as its own process (real
 * HTTP, a signed-in user's token, the permission backend with the demo
 * policy), and measures each operation next to references from the same
 * run: the raw SQL for the same answer on the same file (the floor) and
 * the catalog's own API for the same page size and filter on a catalog
 * holding the same entities (the peer). Prints a markdown table and writes
 * the same figures as JSON to bench-results/bench.json.
 *
 * With RELIABILITY_BENCH_POSTGRES_CONNECTION_STRING set (e.g.
 * postgresql://postgres@127.0.0.1:5432/postgres), every size runs again
 * with the backend on PostgreSQL, in databases named reliability_bench_*
 * that are dropped before and after. The production bundle of the app is
 * built first: the overview's first render in Chromium is measured on it,
 * served by the bench backend.
 *
 * A benchmark, not a test: it asserts nothing and is never run by CI.
 */
import { DatabaseService } from '@backstage/backend-plugin-api';
import { SloDefinition } from '@reliability-suite/plugin-reliability-common';
import fs from 'fs';
import knexFactory, { Knex } from 'knex';
import os from 'os';
import path from 'path';
import { performance } from 'perf_hooks';
import { createReliabilityStores } from '../src/database/ReliabilityStores';
import { MINUTE_MS } from '../src/database/slos/DatabaseSloStore';
import { SloService } from '../src/slos/SloService';
import {
  BACKEND,
  guestToken,
  startBenchBackend,
  timeGets,
  timing,
  Timing,
  waitFor,
} from './benchBackend';
import {
  benchOverviewRender,
  buildAppBundle,
  removeAppBundle,
} from './benchOverviewPage';
import { benchReadinessFleet } from './benchReadinessFleet';
import { benchServices } from './benchServices';
import { benchSliPulls } from './benchSliPulls';
import { BenchSize, SIZES } from './benchSizes';
import { benchCatalogDocuments } from './seedBenchCatalog';
import { seedBenchReliability, silentLogger } from './seedBenchReliability';

const BATCH = 10_000;
const INGEST_BATCHES = 10;
const SAMPLES = 200;

function percentile(values: number[], p: number): number {
  return timing(values)[p === 50 ? 'p50' : 'p95'];
}

async function openSqlite(file: string): Promise<Knex> {
  return knexFactory({
    client: 'better-sqlite3',
    connection: { filename: file },
    useNullAsDefault: true,
  });
}

const definition = (i: number): SloDefinition => ({
  name: `slo-${i}`,
  target: 0.999,
  timeWindow: { kind: 'rolling', duration: '30d' },
  budgetingMethod: 'Occurrences',
});

/** Times a raw SQL function `samples` times (after a warm-up). */
async function timeSql(
  samples: number,
  run: (i: number) => Promise<unknown>,
): Promise<Timing> {
  for (let i = 0; i < 10; i++) await run(i);
  const times: number[] = [];
  for (let i = 0; i < samples; i++) {
    const start = performance.now();
    await run(i);
    times.push(performance.now() - start);
  }
  return timing(times);
}

async function benchIngest(dir: string) {
  const knex = await openSqlite(path.join(dir, 'ingest.sqlite'));
  const database: DatabaseService = { getClient: async () => knex };
  const stores = await createReliabilityStores({ database });
  const service = new SloService({ stores, logger: silentLogger });
  const now = new Date();
  const minute = Math.floor(now.getTime() / MINUTE_MS) * MINUTE_MS;
  const { slo } = await stores.slos.putApiSlo({
    entityRef: 'component:default/bench',
    definition: definition(0),
    actor: 'bench',
    at: now,
  });
  const { slo: floorSlo } = await stores.slos.putApiSlo({
    entityRef: 'component:default/bench',
    definition: definition(1),
    actor: 'bench',
    at: now,
  });

  // Distinct minutes within the 4-day minute retention: 5760 minutes,
  // so each 10k batch touches ~5760 buckets and sums points per minute.
  const batches = Array.from({ length: INGEST_BATCHES }, (_batch, b) =>
    Array.from({ length: BATCH }, (_, i) => ({
      timestamp: new Date(
        minute - ((b * BATCH + i) % 5760) * MINUTE_MS,
      ).toISOString(),
      good: 990 + (i % 10),
      total: 1000,
    })),
  );

  const suiteTimes: number[] = [];
  for (const batch of batches) {
    const start = performance.now();
    await service.ingest(slo, batch, now);
    suiteTimes.push(performance.now() - start);
  }

  // The floor: the same rows, already bucketed, inserted raw with knex.
  const floorTimes: number[] = [];
  for (const batch of batches) {
    const rows = batch.map(p => ({
      slo_id: floorSlo.id,
      bucket_ms: MINUTE_MS,
      bucket_start: Date.parse(p.timestamp),
      good: p.good,
      total: p.total,
    }));
    await knex('sli_buckets').where({ slo_id: floorSlo.id }).delete();
    const start = performance.now();
    // Distinct keys per raw insert: keep the first of each minute.
    const unique = [...new Map(rows.map(r => [r.bucket_start, r])).values()];
    await knex.transaction(async tx => {
      await tx.batchInsert('sli_buckets', unique, 500);
    });
    floorTimes.push(performance.now() - start);
  }
  // Backfill: an SLO's 30 days loaded as history in one request each, the
  // 4 days kept per minute as minutes (5,760) and the 26 days before as
  // one point per hour (624), replaced again on every run.
  const { slo: historySlo } = await stores.slos.putApiSlo({
    entityRef: 'component:default/bench',
    definition: definition(2),
    actor: 'bench',
    at: now,
  });
  const hour = Math.floor(now.getTime() / 3_600_000) * 3_600_000;
  const from = hour - 30 * 24 * 3_600_000;
  const minuteFrom = hour - 4 * 24 * 3_600_000;
  const historyPoints = [
    ...Array.from({ length: 26 * 24 }, (_, i) => from + i * 3_600_000),
    ...Array.from(
      { length: 4 * 24 * 60 },
      (_, i) => minuteFrom + i * MINUTE_MS,
    ),
  ].map((t, i) => ({
    timestamp: new Date(t).toISOString(),
    good: 990 + (i % 10),
    total: 1000,
  }));
  const historyTimes: number[] = [];
  for (let run = 0; run < INGEST_BATCHES; run++) {
    const start = performance.now();
    await service.replaceHistory(
      historySlo,
      {
        from: new Date(from).toISOString(),
        to: new Date(minute).toISOString(),
        points: historyPoints,
      },
      now,
    );
    historyTimes.push(performance.now() - start);
  }
  await knex.destroy();
  const total = (times: number[]) => times.reduce((a, b) => a + b, 0);
  return {
    historyPoints: historyPoints.length,
    historyLoadP50Ms: percentile(historyTimes, 50),
    historyPointsPerSecond:
      (INGEST_BATCHES * historyPoints.length) / (total(historyTimes) / 1000),
    suitePointsPerSecond: (INGEST_BATCHES * BATCH) / (total(suiteTimes) / 1000),
    floorPointsPerSecond: (INGEST_BATCHES * BATCH) / (total(floorTimes) / 1000),
    suiteBatchP50Ms: percentile(suiteTimes, 50),
    floorBatchP50Ms: percentile(floorTimes, 50),
  };
}

/** Where a size is seeded: SQLite files always, PostgreSQL when configured. */
type BenchDatabase =
  | { kind: 'sqlite' }
  | { kind: 'postgres'; connection: string };

/** Database names of a PostgreSQL bench run: `reliability_bench_<plugin>`. */
const PG_PREFIX = 'reliability_bench_';

/** Drops the bench's PostgreSQL databases (left over from a crashed run too). */
async function dropBenchDatabases(connection: string) {
  const admin = knexFactory({ client: 'pg', connection });
  try {
    const { rows } = await admin.raw(
      'select datname from pg_database where datname like ?',
      [`${PG_PREFIX}%`],
    );
    for (const { datname } of rows as Array<{ datname: string }>) {
      await admin.raw('drop database if exists ?? with (force)', [datname]);
    }
  } finally {
    await admin.destroy();
  }
}

/** The reliability plugin's database of a run, created empty. */
async function openReliabilityDb(
  database: BenchDatabase,
  dir: string,
): Promise<Knex> {
  if (database.kind === 'sqlite') {
    return openSqlite(path.join(dir, 'reliability.sqlite'));
  }
  const name = `${PG_PREFIX}reliability`;
  const admin = knexFactory({ client: 'pg', connection: database.connection });
  await admin.raw('create database ??', [name]);
  await admin.destroy();
  const url = new URL(database.connection);
  url.pathname = `/${name}`;
  return knexFactory({ client: 'pg', connection: url.toString() });
}

async function benchSize(size: BenchSize, database: BenchDatabase) {
  const dir = fs.mkdtempSync(
    path.join(os.tmpdir(), `reliability-bench-${size.name}-`),
  );
  const now = new Date();
  try {
    const yaml = benchCatalogDocuments(size);
    const catalogFile = path.join(dir, 'catalog.yaml');
    fs.writeFileSync(catalogFile, yaml);
    const documents = yaml
      .split('---\n')
      .filter(Boolean)
      .map(doc => JSON.parse(doc));

    if (database.kind === 'postgres') {
      await dropBenchDatabases(database.connection);
    }
    const knex = await openReliabilityDb(database, dir);
    const seeded = await seedBenchReliability(knex, size, documents, now);
    const stores = await createReliabilityStores({
      database: { getClient: async () => knex } as DatabaseService,
    });
    const service = new SloService({ stores, logger: silentLogger });
    const status = {
      suite: await timeSql(SAMPLES, i =>
        service.statusAt(
          seeded.slos[(i * 7919) % seeded.slos.length],
          now.getTime(),
        ),
      ),
      floor: await timeSql(SAMPLES, i =>
        knex('sli_buckets')
          .where('slo_id', seeded.slos[(i * 7919) % seeded.slos.length].id)
          .andWhere(
            'bucket_start',
            '>',
            now.getTime() - 30 * 24 * 60 * MINUTE_MS,
          )
          .andWhere('bucket_start', '<=', now.getTime())
          .sum({ good: 'good', total: 'total' }),
      ),
    };
    await knex.destroy();
    // The floor, the fleet readiness and the seeding read the same database.
    const reopen = () =>
      database.kind === 'sqlite'
        ? openSqlite(path.join(dir, 'reliability.sqlite'))
        : knexFactory({
            client: 'pg',
            connection: Object.assign(new URL(database.connection), {
              pathname: `/${PG_PREFIX}reliability`,
            }).toString(),
          });

    const token = `bench-${process.pid}-${Date.now()}`;
    const catalogStart = performance.now();
    const backend = await startBenchBackend({
      dir,
      catalogFile,
      database:
        database.kind === 'sqlite'
          ? { client: 'better-sqlite3', connection: { directory: dir } }
          : {
              client: 'pg',
              connection: database.connection,
              prefix: PG_PREFIX,
            },
      token,
      log: path.join(os.tmpdir(), `reliability-bench-${size.name}.log`),
    });
    try {
      await waitFor(
        'the catalog to hold every entity',
        30 * 60_000,
        async () => {
          const res = await fetch(
            `${BACKEND}/api/catalog/entities/by-query?limit=1`,
            { headers: { Authorization: `Bearer ${token}` } },
          );
          const body = (await res.json()) as { totalItems: number };
          // The entities and the location that holds them.
          return body.totalItems >= documents.length + 1;
        },
      );
      const catalogSeconds = (performance.now() - catalogStart) / 1000;
      const user = await guestToken();
      const floorDb = await reopen();
      const services = await benchServices({
        db: floorDb,
        baseUrl: BACKEND,
        token,
      });
      // The scheduled repair of the overview: every row recomputed from
      // the catalog and the stores (replacing the seeded rows).
      const repairStart = performance.now();
      const repaired = await services.summaryService.refreshAll(now);
      const repairSeconds = (performance.now() - repairStart) / 1000;
      const readiness = await benchReadinessFleet({
        stores: services.stores,
        services,
        at: now,
      });

      // One entity: the suite's summary; floor: its stored row, SLO
      // statuses, open actions and attestations; peer: the catalog's
      // entity by name.
      const critical = seeded.criticalComponents;
      const pick = (i: number) => critical[(i * 7919) % critical.length];
      const nameOf = (ref: string) => ref.split('/')[1];
      const summary = await timeGets(
        Array.from(
          { length: SAMPLES },
          (_, i) =>
            `/api/reliability/v1/entities/component/default/${nameOf(
              pick(i),
            )}/summary`,
        ),
        user,
      );
      const summaryFloor = await timeSql(SAMPLES, async i => {
        const ref = pick(i);
        await floorDb('entity_summaries').where('entity_ref', ref);
        await floorDb('slos')
          .leftJoin('slo_status', 'slo_status.slo_id', 'slos.id')
          .where('slos.entity_ref', ref);
        await floorDb('actions')
          .where('entity_ref', ref)
          .whereIn('status', ['open', 'in-progress']);
        await floorDb('readiness_attestations').where('entity_ref', ref);
      });
      const entityPeer = await timeGets(
        Array.from(
          { length: SAMPLES },
          (_, i) =>
            `/api/catalog/entities/by-name/component/default/${nameOf(
              pick(i),
            )}`,
        ),
        user,
      );

      // The overview page: tier-1 components by name, 50 rows, with the
      // total and the facet counts; floor: the same three statements raw;
      // peer: the catalog's page for the same filter and order (with its
      // total), and its facets for the manager's page.
      const overviewPath =
        '/api/reliability/v1/overview?kind=component&tier=tier-1&limit=50';
      const overview = await timeGets(
        Array.from({ length: SAMPLES }, () => overviewPath),
        user,
      );
      const gapSums = Array.from(
        { length: 10 },
        (_, bit) =>
          `sum(case when (gap_mask & ${1 << bit}) <> 0 then 1 else 0 end)`,
      ).join(', ');
      const overviewFloor = await timeSql(SAMPLES, async () => {
        await floorDb.raw(
          "select * from entity_summaries where kind = 'component' and tier = 'tier-1' order by name, entity_ref limit 51",
        );
        await floorDb.raw(
          `select count(*), ${gapSums}, sum(case when ready = ${
            database.kind === 'sqlite' ? '1' : 'true'
          } then 1 else 0 end), sum(case when slo_status = 'page' then 1 else 0 end) from entity_summaries where kind = 'component' and tier = 'tier-1'`,
        );
        await floorDb.raw(
          "select sum(case when tier = 'tier-0' then 1 else 0 end), sum(case when tier = 'tier-1' then 1 else 0 end), sum(case when tier is null then 1 else 0 end) from entity_summaries where kind = 'component'",
        );
      });
      const overviewPeer = await timeGets(
        Array.from(
          { length: SAMPLES },
          () =>
            '/api/catalog/entities/by-query?filter=kind=component,metadata.annotations.reliability/tier=tier-1&orderField=metadata.name,asc&limit=50',
        ),
        user,
      );
      const facetsPeer = await timeGets(
        Array.from(
          { length: 50 },
          () =>
            '/api/catalog/entity-facets?facet=spec.owner&facet=metadata.annotations.reliability/tier&filter=kind=component',
        ),
        user,
      );
      const first = (await (
        await fetch(`${BACKEND}${overviewPath}`, {
          headers: { Authorization: `Bearer ${user}` },
        })
      ).json()) as { nextCursor: string; totalCount: number };
      const nextPage = await timeGets(
        Array.from(
          { length: 50 },
          () => `${overviewPath}&cursor=${first.nextCursor}`,
        ),
        user,
      );

      // Ingest through HTTP with the service token: 10 batches of 10,000
      // points into one SLO's minutes (the last 3.5 days: older minutes are
      // refused, being rolled up already).
      const slo = seeded.slos[1];
      const minute = Math.floor(Date.now() / MINUTE_MS) * MINUTE_MS;
      let points = 0;
      const ingestStart = performance.now();
      for (let b = 0; b < INGEST_BATCHES; b++) {
        const batch = Array.from({ length: BATCH }, (_, i) => ({
          timestamp: new Date(
            minute - ((b * BATCH + i) % 5000) * MINUTE_MS,
          ).toISOString(),
          good: 990 + (i % 10),
          total: 1000,
        }));
        const res = await fetch(
          `${BACKEND}/api/reliability/v1/entities/component/default/${nameOf(
            slo.entityRef,
          )}/slos/${slo.name}/measurements`,
          {
            method: 'POST',
            headers: {
              Authorization: `Bearer ${token}`,
              'Content-Type': 'application/json',
            },
            body: JSON.stringify(batch),
          },
        );
        if (!res.ok)
          throw new Error(`ingest answered ${res.status}: ${await res.text()}`);
        points += BATCH;
      }
      const httpIngestPointsPerSecond =
        points / ((performance.now() - ingestStart) / 1000);

      // The same page in the browser, from the production bundle.
      const render = await benchOverviewRender({
        baseUrl: BACKEND,
        path: '/reliability?kind=component&tier=tier-1',
        samples: 10,
      });
      await floorDb.destroy();
      return {
        size,
        database: database.kind,
        bucketRows: seeded.bucketRows,
        seedSeconds: seeded.seedSeconds,
        catalogSeconds,
        recomputeSeconds: seeded.recomputeSeconds,
        repairSeconds,
        repairedRows: repaired.refreshed,
        status,
        readiness,
        summary,
        summaryFloor,
        entityPeer,
        overview,
        overviewFloor,
        overviewPeer,
        facetsPeer,
        nextPage,
        overviewTotal: first.totalCount,
        httpIngestPointsPerSecond,
        render,
      };
    } finally {
      await backend.stop();
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
    if (database.kind === 'postgres') {
      await dropBenchDatabases(database.connection);
    }
  }
}

async function main() {
  const only = process.argv.find(a => a.startsWith('--size='))?.slice(7);
  const sizes = (only ? [only] : ['S', 'M']).map(s => SIZES[s as 'S' | 'M']);
  const ingestDir = fs.mkdtempSync(
    path.join(os.tmpdir(), 'reliability-bench-ingest-'),
  );
  const ingest = await benchIngest(ingestDir);
  const pullKnex = await openSqlite(path.join(ingestDir, 'pulls.sqlite'));
  const pulls = await benchSliPulls(pullKnex, 300);
  await pullKnex.destroy();
  fs.rmSync(ingestDir, { recursive: true, force: true });
  console.error('Building the app for production…');
  const bundle = buildAppBundle();
  const postgres = process.env.RELIABILITY_BENCH_POSTGRES_CONNECTION_STRING;
  const databases: BenchDatabase[] = [
    { kind: 'sqlite' },
    ...(postgres ? [{ kind: 'postgres' as const, connection: postgres }] : []),
  ];
  const results: Array<Awaited<ReturnType<typeof benchSize>>> = [];
  try {
    for (const database of databases) {
      for (const size of sizes) {
        console.error(
          `Size ${size.name} on ${database.kind}: seeding and measuring…`,
        );
        results.push(await benchSize(size, database));
      }
    }
  } finally {
    removeAppBundle();
  }
  const f = (n: number, d = 1) => n.toFixed(d);
  const ms = (t: Timing) => `${f(t.p50)} / ${f(t.p95)}`;
  const machine = `${os.cpus().length} × ${os
    .cpus()[0]
    ?.model.trim()}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${
    process.version
  }`;
  const table = (group: typeof results) => {
    const cells = (pick: (r: (typeof results)[number]) => string) =>
      group.map(pick).join(' | ');
    const last = group[group.length - 1];
    const header = `| operation | ${group
      .map(r => `size ${r.size.name}`)
      .join(' | ')} | reference at size ${
      last.size.name
    } (same run) | target |`;
    return [
      `Reliability Suite benchmark on ${
        last.database === 'sqlite' ? 'SQLite files' : 'PostgreSQL'
      }. ${group
        .map(
          r =>
            `Size ${r.size.name}: ${r.size.entities.toLocaleString(
              'en-US',
            )} entities (${r.size.components.toLocaleString(
              'en-US',
            )} components), ${r.size.slos.toLocaleString(
              'en-US',
            )} SLOs with 30 days of data (${r.bucketRows.toLocaleString(
              'en-US',
            )} bucket rows), ${r.size.actions.toLocaleString(
              'en-US',
            )} actions, ${r.size.readinessResults.toLocaleString(
              'en-US',
            )} readiness results.`,
        )
        .join(' ')}`,
      `Machine: ${machine}. Latencies are p50 / p95 in ms over ${SAMPLES} sequential requests through HTTP with a signed-in user's token and the demo permission policy.`,
      '',
      header,
      `|---|${group.map(() => '---|').join('')}---|---|`,
      `| entity summary (tier, SLOs, on-call, actions, readiness, gaps) | ${cells(
        r => ms(r.summary),
      )} | floor, its rows in raw SQL: ${ms(
        last.summaryFloor,
      )}; peer, the catalog's entity by name: ${ms(
        last.entityPeer,
      )} | p95 ≤ 25 ms; ≤ 2 × floor + 10 ms |`,
      `| overview page: 50 tier-1 components by name, total and facet counts, one call | ${cells(
        r => ms(r.overview),
      )} | floor, the same statements raw: ${ms(
        last.overviewFloor,
      )}; peer, catalog by-query for the same filter and order: ${ms(
        last.overviewPeer,
      )} (its facets: ${ms(last.facetsPeer)}) | p95 ≤ ${
        last.database === 'sqlite' ? '60 ms on SQLite' : '20 ms on PostgreSQL'
      }; ≤ 1 × the catalog's page |`,
      `| overview, next page by cursor | ${cells(r => ms(r.nextPage))} | | |`,
      `| readiness of the whole fleet: catalog pages, inputs read in bulk, templates evaluated (ms per component, best of 3) | ${cells(
        r => f(r.readiness.suiteMsPerEntity, 3),
      )} | its bulk store reads alone: ${f(
        last.readiness.floorMsPerEntity,
        3,
      )} | ≤ 0.2 ms per entity |`,
      `| SLI ingest over HTTP, 10,000-point batches (points/s) | ${cells(r =>
        Math.round(r.httpIngestPointsPerSecond).toLocaleString('en-US'),
      )} | in process: ${Math.round(ingest.suitePointsPerSecond).toLocaleString(
        'en-US',
      )}; raw knex insert: ${Math.round(
        ingest.floorPointsPerSecond,
      ).toLocaleString('en-US')} | ≥ 100,000 points/s |`,
      `| SLO history backfill, 30 days in one load of ${ingest.historyPoints.toLocaleString(
        'en-US',
      )} points, in process on SQLite (points/s) | ${cells(
        () =>
          `${Math.round(ingest.historyPointsPerSecond).toLocaleString(
            'en-US',
          )} (p50 ${f(ingest.historyLoadP50Ms)} ms a load)`,
      )} | | |`,
      `| SLI pull cycle of ${
        pulls.slos
      } pulled SLOs from an instant provider, SQLite in process (ms) | ${cells(
        () =>
          `first (30 days each, ${pulls.firstCycleRequests.toLocaleString(
            'en-US',
          )} requests): ${f(pulls.firstCycleMs, 0)}; then a minute's: ${f(
            pulls.steadyCycleMedianMs,
            0,
          )}`,
      )} | | every minute: well under 60,000 |`,
      `| SLO status of one SLO, 30-day window | ${cells(r =>
        ms(r.status.suite),
      )} | raw SQL window sum: ${ms(last.status.floor)} | |`,
      `| overview page first render in Chromium, production bundle (ms) | ${cells(
        r => (r.render ? ms(r.render) : 'skipped: no Chromium'),
      )} | | ≤ 1,500 ms |`,
      `| frontend plugin in the production bundle, gzipped (KB) | ${cells(
        () =>
          `entry chunk ${f(bundle.entryChunkGzipBytes / 1024)}; all ${
            bundle.pluginChunks
          } chunks with plugin code ${f(bundle.pluginChunksGzipBytes / 1024)}`,
      )} | the entry chunk also holds the app's own entry code | entry chunk ≤ 150 KB |`,
      `| overview repair: every row recomputed from the catalog and the stores (s) | ${cells(
        r =>
          `${f(r.repairSeconds, 1)} (${r.repairedRows.toLocaleString(
            'en-US',
          )} rows)`,
      )} | | every 10 minutes by default |`,
      `| fleet SLO recompute (s) | ${cells(
        r =>
          `${f(r.recomputeSeconds, 2)} (${r.size.slos.toLocaleString(
            'en-US',
          )} SLOs)`,
      )} | | ≤ 2 s |`,
      '',
      `Seeding: ${cells(
        r =>
          `${r.size.name} ${f(r.seedSeconds)} s, catalog ingestion ${f(
            r.catalogSeconds,
          )} s`,
      )}.`,
    ];
  };
  const lines = databases.flatMap(database => [
    ...table(results.filter(r => r.database === database.kind)),
    '',
  ]);
  console.log(lines.join('\n'));
  const out = path.resolve(__dirname, '../../../bench-results');
  fs.mkdirSync(out, { recursive: true });
  fs.writeFileSync(
    path.join(out, 'bench.json'),
    JSON.stringify(
      { at: new Date().toISOString(), machine, ingest, pulls, bundle, results },
      null,
      2,
    ),
  );
}

main().then(
  () => process.exit(0),
  error => {
    console.error(error);
    process.exit(1);
  },
);
