import {
  DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import { Knex } from 'knex';
import { DatabaseActionStore } from './actions/DatabaseActionStore';
import { ActionStore } from './actions/ActionStore';
import { DatabaseIncidentStore } from './incidents/DatabaseIncidentStore';
import { IncidentStore } from './incidents/IncidentStore';
import { DatabaseOnCallStore } from './oncall/DatabaseOnCallStore';
import { OnCallStore } from './oncall/OnCallStore';
import { DatabaseReadinessStore } from './readiness/DatabaseReadinessStore';
import { ReadinessStore } from './readiness/ReadinessStore';
import { DatabaseSliPullStore } from './sliPulls/DatabaseSliPullStore';
import { SliPullStore } from './sliPulls/SliPullStore';
import { DatabaseSloStore } from './slos/DatabaseSloStore';
import { SloStore } from './slos/SloStore';
import { DatabaseTeamSnapshotStore } from './snapshots/DatabaseTeamSnapshotStore';
import { TeamSnapshotStore } from './snapshots/TeamSnapshotStore';
import { DatabaseEntitySummaryStore } from './summaries/DatabaseEntitySummaryStore';
import { EntitySummaryStore } from './summaries/EntitySummaryStore';
import { DatabaseEntityTierStore } from './tiers/DatabaseEntityTierStore';
import { EntityTierStore } from './tiers/EntityTierStore';

const migrationsDir = resolvePackagePath(
  '@reliability-suite/plugin-reliability-backend',
  'migrations',
);

/**
 * The reliability database, one store per concern. The stores share one
 * knex client and one schema, migrated once by
 * {@link createReliabilityStores}.
 *
 * @internal
 */
export interface ReliabilityStores {
  tiers: EntityTierStore;
  slos: SloStore;
  sliPulls: SliPullStore;
  onCall: OnCallStore;
  incidents: IncidentStore;
  actions: ActionStore;
  readiness: ReadinessStore;
  summaries: EntitySummaryStore;
  snapshots: TeamSnapshotStore;
}

/** A key of PostgreSQL's advisory locks, this plugin's migrations' own. */
const MIGRATION_LOCK_KEY = 7_236_150_913;

/**
 * `migrate.latest`, one backend at a time. On PostgreSQL, replicas that
 * start together would otherwise race on a fresh database: knex checks
 * for its `knex_migrations` tables and then creates them, so all but one
 * fail with a duplicate-key error and their backends do not start. Here
 * each holds a transaction-scoped advisory lock and migrates inside that
 * transaction (PostgreSQL's DDL is transactional): the others wait, then
 * find nothing left to do. SQLite is one process's file.
 */
async function migrateToLatest(db: Knex): Promise<void> {
  if (!String(db.client.config.client).includes('pg')) {
    await db.migrate.latest({ directory: migrationsDir });
    return;
  }
  await db.transaction(async tx => {
    await tx.raw('select pg_advisory_xact_lock(?)', [MIGRATION_LOCK_KEY]);
    await tx.migrate.latest({ directory: migrationsDir });
  });
}

/**
 * The one place the reliability schema is migrated (`migrate.latest`
 * unless `database.migrations.skip` or `skipMigrations` says otherwise),
 * then every store on the migrated client.
 *
 * @internal
 */
export async function createReliabilityStores(options: {
  database: DatabaseService;
  skipMigrations?: boolean;
}): Promise<ReliabilityStores> {
  const { database } = options;
  const db = await database.getClient();
  if (!options.skipMigrations && !database.migrations?.skip) {
    await migrateToLatest(db);
  }
  return {
    tiers: DatabaseEntityTierStore.create(db),
    slos: DatabaseSloStore.create(db),
    sliPulls: DatabaseSliPullStore.create(db),
    onCall: DatabaseOnCallStore.create(db),
    incidents: DatabaseIncidentStore.create(db),
    actions: DatabaseActionStore.create(db),
    readiness: DatabaseReadinessStore.create(db),
    summaries: DatabaseEntitySummaryStore.create(db),
    snapshots: DatabaseTeamSnapshotStore.create(db),
  };
}
