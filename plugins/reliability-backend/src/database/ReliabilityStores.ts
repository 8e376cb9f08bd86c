import {
  DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import { DatabaseActionStore } from './actions/DatabaseActionStore';
import { ActionStore } from './actions/ActionStore';
import { DatabaseIncidentStore } from './incidents/DatabaseIncidentStore';
import { IncidentStore } from './incidents/IncidentStore';
import { DatabaseOnCallStore } from './oncall/DatabaseOnCallStore';
import { OnCallStore } from './oncall/OnCallStore';
import { DatabaseReadinessStore } from './readiness/DatabaseReadinessStore';
import { ReadinessStore } from './readiness/ReadinessStore';
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
  onCall: OnCallStore;
  incidents: IncidentStore;
  actions: ActionStore;
  readiness: ReadinessStore;
  summaries: EntitySummaryStore;
  snapshots: TeamSnapshotStore;
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
    await db.migrate.latest({ directory: migrationsDir });
  }
  return {
    tiers: DatabaseEntityTierStore.create(db),
    slos: DatabaseSloStore.create(db),
    onCall: DatabaseOnCallStore.create(db),
    incidents: DatabaseIncidentStore.create(db),
    actions: DatabaseActionStore.create(db),
    readiness: DatabaseReadinessStore.create(db),
    summaries: DatabaseEntitySummaryStore.create(db),
    snapshots: DatabaseTeamSnapshotStore.create(db),
  };
}
