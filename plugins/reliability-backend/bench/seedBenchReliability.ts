import { DatabaseService, LoggerService } from '@backstage/backend-plugin-api';
import { SloDefinition } from '@reliability-suite/plugin-reliability-common';
import { Knex } from 'knex';
import { performance } from 'perf_hooks';
import { createReliabilityStores } from '../src/database/ReliabilityStores';
import { MINUTE_MS } from '../src/database/slos/DatabaseSloStore';
import { StoredSlo } from '../src/database/slos/SloStore';
import { SloService } from '../src/slos/SloService';
import { BenchSize } from './benchSizes';

const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;

export const silentLogger: LoggerService = {
  info() {},
  warn() {},
  error() {},
  debug() {},
  child() {
    return silentLogger;
  },
};

const targetOf = (tier: string | null) =>
  ({ 'tier-0': 0.999, 'tier-1': 0.995, 'tier-2': 0.99 }[tier ?? ''] ?? 0.98);

/** What the seeding made, for the measurements and the report. */
export interface SeededReliability {
  slos: StoredSlo[];
  bucketRows: number;
  seedSeconds: number;
  /** SloService.refreshAll over every SLO, right after seeding. */
  recomputeSeconds: number;
  /** Refs of tier-0/1 components, for the summary requests. */
  criticalComponents: string[];
}

/**
 * Seeds the reliability database of a size from the catalog documents:
 * SLOs on the first components with 30 days of SLI data (one-minute
 * buckets for the last 3 days, hourly before; one SLO in ten burning), the
 * statuses (the fleet recompute, timed), rotations for three teams in
 * four, action items, attestations and waivers.
 */
export async function seedBenchReliability(
  knex: Knex,
  size: BenchSize,
  documents: Array<{
    kind: string;
    metadata: { name: string; annotations?: Record<string, string> };
    spec: Record<string, unknown>;
  }>,
  now: Date,
): Promise<SeededReliability> {
  const database: DatabaseService = { getClient: async () => knex };
  const stores = await createReliabilityStores({ database });
  const service = new SloService({ stores, logger: silentLogger });
  const minute = Math.floor(now.getTime() / MINUTE_MS) * MINUTE_MS;
  const hour = Math.floor(now.getTime() / HOUR_MS) * HOUR_MS;
  const started = performance.now();

  const components = documents.filter(d => d.kind === 'Component');
  const tierOfDoc = (d: (typeof documents)[number]) =>
    d.metadata.annotations?.['reliability/tier'] ?? null;

  const slos: StoredSlo[] = [];
  for (let i = 0; i < size.slos; i++) {
    const component = components[i % components.length];
    const definition: SloDefinition = {
      name: `availability-${Math.floor(i / components.length)}`,
      target: targetOf(tierOfDoc(component)),
      timeWindow: { kind: 'rolling', duration: '30d' },
      budgetingMethod: 'Occurrences',
    };
    const { slo } = await stores.slos.putApiSlo({
      entityRef: `component:default/${component.metadata.name}`,
      definition,
      actor: 'bench',
      at: now,
    });
    slos.push(slo);
  }
  let bucketRows = 0;
  await knex.transaction(async tx => {
    for (const [i, slo] of slos.entries()) {
      // One SLO in ten burns through its budget; the others spend a little.
      const bad = i % 10 === 0 ? 30 : 1;
      const rows: unknown[][] = [];
      for (let h = 3 * 24; h < 30 * 24; h++) {
        rows.push([
          slo.id,
          HOUR_MS,
          hour - h * HOUR_MS,
          60_000 - bad * 30,
          60_000,
        ]);
      }
      for (let m = 0; m < 3 * 24 * 60; m++) {
        rows.push([
          slo.id,
          MINUTE_MS,
          minute - m * MINUTE_MS,
          1000 - (m % 2) * bad,
          1000,
        ]);
      }
      bucketRows += rows.length;
      for (let r = 0; r < rows.length; r += 2000) {
        const chunk = rows.slice(r, r + 2000);
        await tx.raw(
          `INSERT INTO sli_buckets (slo_id, bucket_ms, bucket_start, good, total) VALUES ${chunk
            .map(() => '(?, ?, ?, ?, ?)')
            .join(', ')}`,
          chunk.flat() as Knex.RawBinding[],
        );
      }
    }
  });
  // Raw inserts: the running totals are set once for all of them.
  await stores.slos.recomputeAllRunningTotals();
  const recomputeStart = performance.now();
  await service.refreshAll(now);
  const recomputeSeconds = (performance.now() - recomputeStart) / 1000;

  // Rotations for three teams in four.
  const teams = documents.filter(
    d =>
      d.kind === 'Group' && d.spec.type === 'team' && d.metadata.name !== 'sre',
  );
  const usersOf = new Map<string, string[]>();
  for (const d of documents.filter(u => u.kind === 'User')) {
    const team = (d.spec.memberOf as string[])[0];
    usersOf.set(team, [
      ...(usersOf.get(team) ?? []),
      `user:default/${d.metadata.name}`,
    ]);
  }
  for (const [t, team] of teams.entries()) {
    const people = usersOf.get(team.metadata.name) ?? [];
    if (t % 4 === 3 || people.length === 0) continue;
    await stores.onCall.putRotation({
      id: `${team.metadata.name}-primary`,
      fields: {
        name: `${team.metadata.name} primary`,
        team: `group:default/${team.metadata.name}`,
        timeZone: 'Europe/Berlin',
        handoffAnchor: '2026-01-05T09:00',
        shiftLength: 'P1W',
        levels: [{ users: people.slice(0, 3) }],
      },
      actor: 'bench',
      at: now,
    });
  }

  // Action items: a quarter overdue, a quarter closed.
  const statuses = ['open', 'in-progress', 'done', 'open'];
  const actions: unknown[][] = [];
  for (let a = 0; a < size.actions; a++) {
    const entityRef = `component:default/${
      components[a % components.length].metadata.name
    }`;
    const status = statuses[a % 4];
    const due = new Date(now.getTime() + ((a % 8) - 2) * 10 * DAY_MS);
    const created = new Date(now.getTime() - (10 + (a % 120)) * DAY_MS);
    actions.push([
      `Action ${a}`,
      entityRef,
      'user:default/gita',
      `P${a % 4}`,
      due.toISOString().slice(0, 10),
      status,
      created,
      created,
      status === 'done' ? now : null,
    ]);
  }
  for (let r = 0; r < actions.length; r += 1000) {
    const chunk = actions.slice(r, r + 1000);
    await knex.raw(
      `INSERT INTO actions (title, entity_ref, owner_ref, priority, due_date, status, created_at, updated_at, closed_at) VALUES ${chunk
        .map(() => '(?, ?, ?, ?, ?, ?, ?, ?, ?)')
        .join(', ')}`,
      chunk.flat() as Knex.RawBinding[],
    );
  }

  // Readiness results: attestations, and a waiver in six.
  const readiness: unknown[][] = [];
  const waivers: unknown[][] = [];
  const items = ['rollback', 'security', 'capacity', 'dr-test', 'alerts'];
  for (let r = 0; r < size.readinessResults; r++) {
    const entityRef = `component:default/${
      components[r % components.length].metadata.name
    }`;
    if (r % 6 === 5) {
      waivers.push([
        entityRef,
        'oncall',
        'Accepted for the bench',
        'user:default/gita',
        now,
        new Date(now.getTime() + 30 * DAY_MS),
      ]);
    } else {
      readiness.push([
        entityRef,
        items[r % 5],
        'https://wiki.example.com/evidence',
        'user:default/gita',
        new Date(now.getTime() - DAY_MS),
        new Date(now.getTime() + 100 * DAY_MS),
      ]);
    }
  }
  for (let r = 0; r < readiness.length; r += 1000) {
    const chunk = readiness.slice(r, r + 1000);
    await knex.raw(
      `INSERT INTO readiness_attestations (entity_ref, item_id, evidence_url, attested_by, attested_at, expires_at) VALUES ${chunk
        .map(() => '(?, ?, ?, ?, ?, ?)')
        .join(', ')}`,
      chunk.flat() as Knex.RawBinding[],
    );
  }
  for (let r = 0; r < waivers.length; r += 1000) {
    const chunk = waivers.slice(r, r + 1000);
    await knex.raw(
      `INSERT INTO readiness_waivers (entity_ref, item_id, reason, approved_by, created_at, expires_at) VALUES ${chunk
        .map(() => '(?, ?, ?, ?, ?, ?)')
        .join(', ')}`,
      chunk.flat() as Knex.RawBinding[],
    );
  }

  // The summary requests ask for tier-0/1 components; the overview rows
  // themselves are computed by the bench through the plugin's repair.
  const criticalComponents = components
    .filter(d => ['tier-0', 'tier-1'].includes(tierOfDoc(d) ?? ''))
    .map(d => `component:default/${d.metadata.name}`);
  const [{ rows }] = await knex('sli_buckets').count({ rows: '*' });
  return {
    slos,
    bucketRows: Number(rows) || bucketRows,
    seedSeconds: (performance.now() - started) / 1000 - recomputeSeconds,
    recomputeSeconds,
    criticalComponents,
  };
}
