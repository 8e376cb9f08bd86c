import { randomBytes } from 'crypto';
import knexFactory, { Knex } from 'knex';

/**
 * Fresh PostgreSQL databases for one test run: the backends get
 * `backend.database.prefix` {@link ScratchPostgres.prefix}, so each of
 * their plugins creates its own database `<prefix><pluginId>` on first
 * start (Backstage's default division by database), and `drop()` removes
 * every database with that prefix afterwards.
 */
export interface ScratchPostgres {
  /** e.g. `reliability_replicas_3f9a1c2b_` */
  prefix: string;
  /** `backend.database` for the backends. */
  backendDatabaseConfig: object;
  /** A client on one plugin's database (destroyed by `drop()`). */
  pluginDatabase(pluginId: string): Knex;
  drop(): Promise<void>;
}

export function scratchPostgres(
  connection: string,
  label: string,
): ScratchPostgres {
  const prefix = `reliability_${label}_${randomBytes(4).toString('hex')}_`;
  const clients: Knex[] = [];
  return {
    prefix,
    backendDatabaseConfig: { client: 'pg', connection, prefix },
    pluginDatabase(pluginId) {
      const url = new URL(connection);
      url.pathname = `/${prefix}${pluginId}`;
      const client = knexFactory({
        client: 'pg',
        connection: url.toString(),
        pool: { min: 0, max: 2 },
      });
      clients.push(client);
      return client;
    },
    async drop() {
      await Promise.all(clients.map(client => client.destroy()));
      const admin = knexFactory({ client: 'pg', connection });
      try {
        const { rows } = await admin.raw(
          'select datname from pg_database where datname like ?',
          [`${prefix.replace(/_/g, '\\_')}%`],
        );
        for (const { datname } of rows as Array<{ datname: string }>) {
          await admin.raw('drop database if exists ?? with (force)', [datname]);
        }
      } finally {
        await admin.destroy();
      }
    },
  };
}
