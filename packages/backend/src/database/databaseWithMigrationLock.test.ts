import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { TestDatabases } from '@backstage/backend-test-utils';
import fs from 'fs';
import knexFactory from 'knex';
import { withMigrationLock } from './databaseWithMigrationLock';

jest.setTimeout(60_000);

const databases = TestDatabases.create({
  ids: ['POSTGRES_18', 'POSTGRES_17', 'POSTGRES_16', 'POSTGRES_15'],
  disableDocker: true,
});
const postgresIds = databases.eachSupportedId();

/**
 * Two real sets of migrations: Backstage's scheduler keeps its tables in
 * each plugin's database and migrates them at start-up (transactional);
 * the catalog's include CREATE INDEX CONCURRENTLY, outside transactions.
 */
const migrationSets = [
  {
    name: 'scheduler',
    directory: resolvePackagePath(
      '@backstage/backend-defaults',
      'migrations/scheduler',
    ),
    tableName: 'backstage_backend_tasks__knex_migrations',
  },
  {
    name: 'catalog',
    directory: resolvePackagePath(
      '@backstage/plugin-catalog-backend',
      'migrations',
    ),
    tableName: 'knex_migrations',
  },
];
const cases = postgresIds.flatMap(([id]) =>
  migrationSets.map(set => [id, set.name] as const),
);

describe('withMigrationLock', () => {
  if (postgresIds.length === 0) {
    it.skip('needs BACKSTAGE_TEST_DATABASE_POSTGRES<version>_CONNECTION_STRING', () => {});
    return;
  }
  it.each(cases)(
    'three replicas migrating one fresh %s database at once with the %s migrations all succeed, each migration once',
    async (databaseId, setName) => {
      const { directory, tableName } = migrationSets.find(
        set => set.name === setName,
      )!;
      const first = await databases.init(databaseId);
      const others = [
        knexFactory(first.client.config),
        knexFactory(first.client.config),
      ];
      try {
        let timer: NodeJS.Timeout | undefined;
        const results = await Promise.race([
          Promise.allSettled(
            [first, ...others].map(knex =>
              withMigrationLock(knex, 'catalog').migrate.latest({
                directory,
                tableName,
              }),
            ),
          ),
          new Promise<never>((_, reject) => {
            timer = setTimeout(
              () => reject(new Error('deadlocked: not done within 40 s')),
              40_000,
            );
          }),
        ]).finally(() => clearTimeout(timer));
        expect(
          results.map(r =>
            r.status === 'fulfilled' ? 'migrated' : String(r.reason),
          ),
        ).toEqual(['migrated', 'migrated', 'migrated']);
        const files = fs
          .readdirSync(directory)
          .filter(file => /\.(js|cjs|mjs)$/.test(file))
          .sort();
        const rows = await first(tableName).select('name').orderBy('name');
        expect(rows.map(r => r.name)).toEqual(files);
        expect(await first(`${tableName}_lock`).select('is_locked')).toEqual([
          { is_locked: 0 },
        ]);
      } finally {
        await Promise.all(others.map(knex => knex.destroy()));
      }
    },
  );

  it('leaves SQLite clients as they are', () => {
    const sqlite = knexFactory({
      client: 'better-sqlite3',
      connection: ':memory:',
      useNullAsDefault: true,
    });
    const migrate = Object.getOwnPropertyDescriptor(sqlite, 'migrate');
    expect(withMigrationLock(sqlite, 'catalog')).toBe(sqlite);
    expect(Object.getOwnPropertyDescriptor(sqlite, 'migrate')).toEqual(migrate);
    return sqlite.destroy();
  });
});
