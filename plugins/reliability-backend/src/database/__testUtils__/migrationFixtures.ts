/**
 * Hand-written rows for every table of the reliability schema, in the form
 * the stores write them (`Date` for timestamps, booleans, numbers), and which
 * migration creates which table. Used by the migration tests to fill the
 * schema as it stands after each migration.
 */
import { OPERATIONS_ROWS } from './operationsFixtureRows';
import { SLO_ROWS } from './sloFixtureRows';

/** A row as the stores write it. */
export type FixtureRow = Record<
  string,
  string | number | boolean | Date | null
>;

/**
 * Every migration in order, with the tables its `up` creates (and its `down`
 * therefore drops, data and all). A migration that only alters tables lists
 * none. Adding a migration without adding it here fails the tests.
 */
export const MIGRATIONS: ReadonlyArray<{
  name: string;
  createsTables: readonly string[];
  /** Columns it adds to existing tables, as `table.column`. */
  addsColumns?: readonly string[];
}> = [
  { name: '20261123120000_entity_tiers.js', createsTables: ['entity_tiers'] },
  {
    name: '20261123140000_slos.js',
    createsTables: [
      'slos',
      'sli_buckets',
      'slo_status',
      'slo_sync_problems',
      'budget_exceptions',
    ],
  },
  {
    name: '20261123150000_rotations.js',
    createsTables: ['rotations', 'rotation_overrides'],
  },
  {
    name: '20261123160000_incidents.js',
    createsTables: ['incidents', 'incident_entities', 'postmortems', 'actions'],
  },
  {
    name: '20261123170000_readiness.js',
    createsTables: [
      'readiness_attestations',
      'readiness_waivers',
      'readiness_reviews',
    ],
  },
  {
    name: '20261123180000_entity_summaries.js',
    createsTables: ['entity_summaries'],
  },
  {
    name: '20261123190000_team_snapshots.js',
    createsTables: ['team_snapshots'],
  },
  // Fills the columns it adds from the rows in place.
  {
    name: '20261123200000_sli_cumulative.js',
    createsTables: [],
    addsColumns: ['sli_buckets.cum_good', 'sli_buckets.cum_total'],
  },
  { name: '20261203120000_sli_pulls.js', createsTables: ['sli_pulls'] },
  // Null for every row in place: only RatioTimeslices rollups fill it.
  {
    name: '20261204120000_sli_slice_shortfall.js',
    createsTables: [],
    addsColumns: ['sli_buckets.slice_shortfall'],
  },
];

export const SLICE_SHORTFALL_MIGRATION =
  '20261204120000_sli_slice_shortfall.js';

export const SLI_CUMULATIVE_MIGRATION = '20261123200000_sli_cumulative.js';

/** The columns that order each table's rows: its primary key. */
export const PRIMARY_KEYS: Record<string, readonly string[]> = {
  entity_tiers: ['entity_ref'],
  slos: ['id'],
  sli_buckets: ['slo_id', 'bucket_ms', 'bucket_start'],
  slo_status: ['slo_id'],
  slo_sync_problems: ['entity_ref'],
  budget_exceptions: ['id'],
  rotations: ['id'],
  rotation_overrides: ['id'],
  incidents: ['id'],
  incident_entities: ['incident_id', 'entity_ref'],
  postmortems: ['incident_id'],
  actions: ['id'],
  readiness_attestations: ['id'],
  readiness_waivers: ['id'],
  readiness_reviews: ['id'],
  entity_summaries: ['entity_ref'],
  team_snapshots: ['team_ref', 'day'],
  sli_pulls: ['slo_id'],
};

/**
 * Columns of type bigint: PostgreSQL's driver returns them as strings
 * (they may exceed 2^53), SQLite as numbers.
 */
export const BIGINT_COLUMNS: Record<string, readonly string[]> = {
  sli_buckets: ['bucket_start', 'good', 'total', 'cum_good', 'cum_total'],
  sli_pulls: ['pulled_until', 'next_attempt_at', 'replay_from'],
};

const ROWS: Record<string, FixtureRow[]> = { ...SLO_ROWS, ...OPERATIONS_ROWS };

/** The tables that exist once `applied` (a prefix of MIGRATIONS) has run. */
export function tablesAfter(applied: readonly string[]): string[] {
  return MIGRATIONS.filter(m => applied.includes(m.name)).flatMap(
    m => m.createsTables,
  );
}

/**
 * The fixture rows of `table` in the schema `applied` leaves: before the
 * running totals exist, SLI buckets have no cum_* columns, and before the
 * shortfall migration no slice_shortfall.
 */
export function fixtureRows(
  table: string,
  applied: readonly string[],
): FixtureRow[] {
  const rows = ROWS[table];
  if (!rows) {
    throw new Error(`No fixture rows for table ${table}`);
  }
  if (table !== 'sli_buckets') {
    return rows.map(row => ({ ...row }));
  }
  return rows.map(row => {
    const shaped = { ...row };
    if (!applied.includes(SLI_CUMULATIVE_MIGRATION)) {
      delete shaped.cum_good;
      delete shaped.cum_total;
    }
    if (!applied.includes(SLICE_SHORTFALL_MIGRATION)) {
      delete shaped.slice_shortfall;
    }
    return shaped;
  });
}
