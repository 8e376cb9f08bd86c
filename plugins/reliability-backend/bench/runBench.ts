/*
 * `npm run bench`: measures the reliability backend on an embedded SQLite
 * file and prints a markdown table (also written as JSON to
 * bench-results/bench.json), each figure next to a reference measured in
 * the same run:
 *
 * - SLI ingest, 10,000-point batches through SloService.ingest (bucketing,
 *   one-transaction upsert, status refresh) vs a raw knex batch insert of
 *   the same rows into the same table (the floor).
 * - SLO status at size S (300 SLOs with 30 days of data: one-minute buckets
 *   for the last 3 days, hourly before) vs the raw SQL sum over the same
 *   window (the floor).
 *
 * - Readiness of the whole fleet at size S: each entity's attestations and
 *   waivers read from the store and its tier's template evaluated over its
 *   facts (facts are synthetic here: gathering them from the catalog is the
 *   catalog's cost, not the suite's). Reference: the same store reads alone.
 *
 * A benchmark, not a test: it asserts nothing and is never run by CI.
 */
import { DatabaseService, LoggerService } from '@backstage/backend-plugin-api';
import {
  builtInReadinessRules,
  defaultReadinessTemplates,
  evaluateReadiness,
  ReadinessFacts,
  SloDefinition,
} from '@reliability-suite/plugin-reliability-common';
import fs from 'fs';
import knexFactory, { Knex } from 'knex';
import os from 'os';
import path from 'path';
import { performance } from 'perf_hooks';
import {
  DatabaseReliabilityStore,
  MINUTE_MS,
} from '../src/database/DatabaseReliabilityStore';
import { StoredSlo } from '../src/database/SloStore';
import { SloService } from '../src/slos/SloService';

const HOUR_MS = 60 * MINUTE_MS;
const SIZE_S = { entities: 1000, slos: 300 };
const BATCH = 10_000;
const INGEST_BATCHES = 10;
const STATUS_SAMPLES = 300;

const silentLogger: LoggerService = {
  info() {},
  warn() {},
  error() {},
  debug() {},
  child() {
    return silentLogger;
  },
};

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[
    Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)
  ];
}

async function openSqlite(dir: string, name: string): Promise<Knex> {
  return knexFactory({
    client: 'better-sqlite3',
    connection: { filename: path.join(dir, `${name}.sqlite`) },
    useNullAsDefault: true,
  });
}

const definition = (i: number): SloDefinition => ({
  name: `slo-${i}`,
  target: 0.999,
  timeWindow: { kind: 'rolling', duration: '30d' },
  budgetingMethod: 'Occurrences',
});

async function benchIngest(dir: string) {
  const knex = await openSqlite(dir, 'ingest');
  const database: DatabaseService = { getClient: async () => knex };
  const store = await DatabaseReliabilityStore.create({ database });
  const service = new SloService({ store, logger: silentLogger });
  const now = new Date();
  const minute = Math.floor(now.getTime() / MINUTE_MS) * MINUTE_MS;
  const { slo } = await store.putApiSlo({
    entityRef: 'component:default/bench',
    definition: definition(0),
    actor: 'bench',
    at: now,
  });
  const { slo: floorSlo } = await store.putApiSlo({
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
  await knex.destroy();
  const total = (times: number[]) => times.reduce((a, b) => a + b, 0);
  return {
    suitePointsPerSecond: (INGEST_BATCHES * BATCH) / (total(suiteTimes) / 1000),
    floorPointsPerSecond: (INGEST_BATCHES * BATCH) / (total(floorTimes) / 1000),
    suiteBatchP50Ms: percentile(suiteTimes, 50),
    floorBatchP50Ms: percentile(floorTimes, 50),
  };
}

async function benchStatus(dir: string) {
  const knex = await openSqlite(dir, 'status');
  const database: DatabaseService = { getClient: async () => knex };
  const store = await DatabaseReliabilityStore.create({ database });
  const service = new SloService({ store, logger: silentLogger });
  const now = new Date();
  const minute = Math.floor(now.getTime() / MINUTE_MS) * MINUTE_MS;
  const hour = Math.floor(now.getTime() / HOUR_MS) * HOUR_MS;

  const seedStart = performance.now();
  const slos: StoredSlo[] = [];
  for (let i = 0; i < SIZE_S.slos; i++) {
    const entity = `component:default/service-${i % SIZE_S.entities}`;
    const { slo } = await store.putApiSlo({
      entityRef: entity,
      definition: definition(i),
      actor: 'bench',
      at: now,
    });
    slos.push(slo);
  }
  // 30 days per SLO: hourly buckets for days 4–30, minutes for the last 3.
  await knex.transaction(async tx => {
    for (const slo of slos) {
      const rows: unknown[][] = [];
      for (let h = 3 * 24; h < 30 * 24; h++) {
        rows.push([slo.id, HOUR_MS, hour - h * HOUR_MS, 59_940, 60_000]);
      }
      for (let m = 0; m < 3 * 24 * 60; m++) {
        rows.push([
          slo.id,
          MINUTE_MS,
          minute - m * MINUTE_MS,
          999 + (m % 2),
          1000,
        ]);
      }
      for (let i = 0; i < rows.length; i += 2000) {
        const chunk = rows.slice(i, i + 2000);
        await tx.raw(
          `INSERT INTO sli_buckets (slo_id, bucket_ms, bucket_start, good, total) VALUES ${chunk
            .map(() => '(?, ?, ?, ?, ?)')
            .join(', ')}`,
          chunk.flat() as Knex.RawBinding[],
        );
      }
    }
  });
  const seedSeconds = (performance.now() - seedStart) / 1000;
  const [{ rows }] = await knex('sli_buckets').count({ rows: '*' });

  const suite: number[] = [];
  const floor: number[] = [];
  for (let i = 0; i < STATUS_SAMPLES; i++) {
    const slo = slos[(i * 7919) % slos.length];
    let start = performance.now();
    await service.statusAt(slo, now.getTime());
    suite.push(performance.now() - start);
    start = performance.now();
    await knex('sli_buckets')
      .where('slo_id', slo.id)
      .andWhere('bucket_start', '>', now.getTime() - 30 * 24 * HOUR_MS)
      .andWhere('bucket_start', '<=', now.getTime())
      .sum({ good: 'good', total: 'total' });
    floor.push(performance.now() - start);
  }

  const refreshStart = performance.now();
  await service.refreshAll(now);
  const refreshAllSeconds = (performance.now() - refreshStart) / 1000;
  await knex.destroy();
  return {
    seedSeconds,
    bucketRows: Number(rows),
    statusP50Ms: percentile(suite, 50),
    statusP95Ms: percentile(suite, 95),
    floorP50Ms: percentile(floor, 50),
    floorP95Ms: percentile(floor, 95),
    refreshAllSeconds,
  };
}

async function benchReadiness(dir: string) {
  const knex = await openSqlite(dir, 'readiness');
  const database: DatabaseService = { getClient: async () => knex };
  const store = await DatabaseReliabilityStore.create({ database });
  const now = Date.now();
  const tiers = ['tier-0', 'tier-1', 'tier-2', 'tier-3'];
  const entities = Array.from({ length: SIZE_S.entities }, (_e, i) => ({
    ref: `component:default/service-${i}`,
    tier: tiers[i % tiers.length],
    facts: {
      owner: `group:default/team-${i % 50}`,
      ownerExists: i % 17 !== 0,
      tier: {
        id: tiers[i % tiers.length],
        minimumSloTarget: 0.99,
        drTestInterval: 'P180D',
      },
      slos: [{ target: 0.999, status: i % 9 === 0 ? 'exhausted' : 'ok' }],
      oncallPeople: i % 5,
      oncallLevels: 1 + (i % 2),
      links: { runbook: i % 3 !== 0, dashboard: i % 4 !== 0 },
      overdueActionPriorities: i % 7 === 0 ? ['P1'] : [],
      latePostmortems: i % 11 === 0 ? 1 : 0,
      drTestAt: null,
    } satisfies ReadinessFacts,
  }));
  // Two attestations on every entity, a waiver on every third.
  for (const e of entities) {
    for (const itemId of ['rollback', 'security']) {
      await store.addAttestation(e.ref, {
        itemId,
        evidenceUrl: 'https://wiki.example.com/x',
        note: null,
        attestedBy: 'user:default/a',
        attestedAt: new Date(now - 86_400_000).toISOString(),
        expiresAt: new Date(now + 86_400_000 * 100).toISOString(),
      });
    }
  }
  for (const e of entities.filter((_e, i) => i % 3 === 0)) {
    await store.addWaiver(e.ref, {
      itemId: 'oncall',
      reason: 'bench',
      approvedBy: 'user:default/sre',
      expiresAt: new Date(now + 86_400_000 * 30).toISOString(),
      createdAt: new Date(now),
    });
  }
  const rounds = 3;
  let suiteMs = Infinity;
  let floorMs = Infinity;
  let ready = 0;
  for (let r = 0; r < rounds; r++) {
    const floorStart = performance.now();
    for (const e of entities) {
      await Promise.all([
        store.listAttestations(e.ref),
        store.listWaivers(e.ref),
      ]);
    }
    floorMs = Math.min(floorMs, performance.now() - floorStart);
    const suiteStart = performance.now();
    ready = 0;
    for (const e of entities) {
      const [attestations, waivers] = await Promise.all([
        store.listAttestations(e.ref),
        store.listWaivers(e.ref),
      ]);
      const result = evaluateReadiness({
        template: defaultReadinessTemplates[e.tier] ?? [],
        facts: e.facts,
        attestations,
        waivers,
        rules: builtInReadinessRules,
        at: now,
      });
      if (result.ready) ready++;
    }
    suiteMs = Math.min(suiteMs, performance.now() - suiteStart);
  }
  await knex.destroy();
  return {
    entities: entities.length,
    ready,
    suiteMsPerEntity: suiteMs / entities.length,
    floorMsPerEntity: floorMs / entities.length,
  };
}

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'reliability-bench-'));
  try {
    const ingest = await benchIngest(dir);
    const status = await benchStatus(dir);
    const readiness = await benchReadiness(dir);
    const f = (n: number, d = 1) => n.toFixed(d);
    const machine = `${os.cpus().length} × ${os
      .cpus()[0]
      ?.model.trim()}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${
      process.version
    }`;
    const lines = [
      `Reliability Suite benchmark, size S (${SIZE_S.entities} entities, ${
        SIZE_S.slos
      } SLOs, 30 days of SLI data: ${status.bucketRows.toLocaleString(
        'en-US',
      )} bucket rows), SQLite file`,
      `Machine: ${machine}`,
      '',
      '| operation | suite | reference (same run) | ratio | target |',
      '|---|---|---|---|---|',
      `| SLI ingest, ${BATCH.toLocaleString(
        'en-US',
      )}-point batches (points/s) | ${Math.round(
        ingest.suitePointsPerSecond,
      ).toLocaleString('en-US')} | raw knex batch insert: ${Math.round(
        ingest.floorPointsPerSecond,
      ).toLocaleString('en-US')} | ${f(
        ingest.suitePointsPerSecond / ingest.floorPointsPerSecond,
        2,
      )} × | ≥ 100,000 points/s |`,
      `| SLI ingest, one batch p50 (ms) | ${f(ingest.suiteBatchP50Ms)} | ${f(
        ingest.floorBatchP50Ms,
      )} | ${f(ingest.suiteBatchP50Ms / ingest.floorBatchP50Ms, 2)} × | |`,
      `| SLO status, 30-day window, p50 / p95 (ms) | ${f(
        status.statusP50Ms,
        2,
      )} / ${f(status.statusP95Ms, 2)} | raw SQL window sum: ${f(
        status.floorP50Ms,
        2,
      )} / ${f(status.floorP95Ms, 2)} | ${f(
        status.statusP95Ms / status.floorP95Ms,
        2,
      )} × (p95) | entity summary ≤ 25 ms p95 |`,
      `| Fleet SLO recompute, ${SIZE_S.slos} SLOs (s) | ${f(
        status.refreshAllSeconds,
        2,
      )} | | | ≤ 2 s (at M) |`,
      `| Fleet readiness, ${
        readiness.entities
      } entities, best of 3 (ms per entity) | ${f(
        readiness.suiteMsPerEntity,
        3,
      )} | store reads alone: ${f(readiness.floorMsPerEntity, 3)} | ${f(
        readiness.suiteMsPerEntity / readiness.floorMsPerEntity,
        2,
      )} × | ≤ 0.2 ms per entity |`,
      '',
      `Seeding took ${f(status.seedSeconds)} s.`,
    ];
    console.log(lines.join('\n'));
    const out = path.resolve(__dirname, '../../../bench-results');
    fs.mkdirSync(out, { recursive: true });
    fs.writeFileSync(
      path.join(out, 'bench.json'),
      JSON.stringify(
        {
          at: new Date().toISOString(),
          machine,
          size: SIZE_S,
          ingest,
          status,
          readiness,
        },
        null,
        2,
      ),
    );
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
