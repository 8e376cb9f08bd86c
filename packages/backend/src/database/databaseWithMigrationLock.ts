import {
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { DatabaseManager } from '@backstage/backend-defaults/database';
import { ConfigReader } from '@backstage/config';
import { createHash } from 'crypto';
import { Knex } from 'knex';

const locked = new WeakSet<Knex>();
/** How often a waiting backend tries the lock again. */
const RETRY_MS = 250;

/** A PostgreSQL advisory lock key (a safe integer) for one migration table. */
function lockKey(pluginId: string, config?: Knex.MigratorConfig): number {
  const table = `${config?.schemaName ?? ''}.${
    config?.tableName ?? 'knex_migrations'
  }`;
  const hash = createHash('sha256').update(`${pluginId}:${table}`).digest();
  return hash.readUIntBE(0, 6);
}

/**
 * Makes `knex.migrate.latest` on a PostgreSQL client take a session-level
 * advisory lock first, on a connection of its own, so that one backend
 * at a time migrates each migration table; the others try again every
 * quarter second, then find nothing left to do.
 *
 * knex's own lock does not cover a fresh database: it checks for its
 * `knex_migrations` and `knex_migrations_lock` tables and then creates
 * them and the lock row, so replicas starting together fail with
 * "duplicate key value violates unique constraint" or "Migration table is
 * already locked" (knex/knex#3538), and Backstage does not start
 * (backstage/charts#300). Needs a pool of two connections or more: with
 * one, the lock's connection would starve the migration, so it is left out.
 */
export function withMigrationLock(knex: Knex, pluginId: string): Knex {
  const client = String(knex.client.config.client);
  const poolMax = knex.client.pool?.max ?? 2;
  if (!client.includes('pg') || poolMax < 2 || locked.has(knex)) {
    return knex;
  }
  locked.add(knex);
  const descriptor = Object.getOwnPropertyDescriptor(knex, 'migrate')!;
  Object.defineProperty(knex, 'migrate', {
    configurable: true,
    get() {
      const migrator: Knex.Migrator = descriptor.get!.call(knex);
      const latest = migrator.latest.bind(migrator);
      migrator.latest = async (config?: Knex.MigratorConfig) => {
        const key = lockKey(pluginId, config);
        const connection = await knex.client.acquireConnection();
        try {
          // Tried, not waited for: a statement waiting on the lock would
          // hold a snapshot, and the holder's CREATE INDEX CONCURRENTLY
          // (the catalog's migrations have them) waits for every snapshot.
          while (
            !(
              await connection.query(
                'SELECT pg_try_advisory_lock($1) AS locked',
                [key],
              )
            ).rows[0].locked
          ) {
            await new Promise(resolve => setTimeout(resolve, RETRY_MS));
          }
          try {
            return await latest(config);
          } finally {
            await connection.query('SELECT pg_advisory_unlock($1)', [key]);
          }
        } finally {
          await knex.client.releaseConnection(connection);
        }
      };
      return migrator;
    },
  });
  return knex;
}

/**
 * Backstage's database service (`backend.database`, or in-memory SQLite
 * without it) whose clients migrate one backend at a time on PostgreSQL,
 * for every plugin and the core services that keep tables in a plugin's
 * database (scheduler, auth keys): two replicas of this backend can start
 * together on a fresh database.
 */
export const databaseWithMigrationLock = createServiceFactory({
  service: coreServices.database,
  deps: {
    config: coreServices.rootConfig,
    lifecycle: coreServices.lifecycle,
    logger: coreServices.logger,
    pluginMetadata: coreServices.pluginMetadata,
    rootLifecycle: coreServices.rootLifecycle,
    rootLogger: coreServices.rootLogger,
  },
  async createRootContext({ config, rootLifecycle, rootLogger }) {
    return DatabaseManager.fromConfig(
      config.getOptional('backend.database')
        ? config
        : new ConfigReader({
            backend: {
              database: { client: 'better-sqlite3', connection: ':memory:' },
            },
          }),
      { rootLifecycle, rootLogger },
    );
  },
  async factory({ pluginMetadata, lifecycle, logger }, manager) {
    const pluginId = pluginMetadata.getId();
    const database = manager.forPlugin(pluginId, { lifecycle, logger });
    return {
      ...database,
      getClient: async () =>
        withMigrationLock(await database.getClient(), pluginId),
    };
  },
});
