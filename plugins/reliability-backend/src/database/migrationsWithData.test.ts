import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { MIGRATIONS, tablesAfter } from './__testUtils__/migrationFixtures';
import {
  describeSchema,
  expectedTables,
  insertFixtures,
  migrateDownOne,
  migrateLatest,
  migrateUpOne,
  migrationFiles,
  readTable,
  readTables,
} from './__testUtils__/migrationHarness';
import { testDatabaseIds } from './__testUtils__/testDatabaseIds';
import { createReliabilityStores } from './ReliabilityStores';

jest.setTimeout(120_000);

/**
 * The newest migration of the last released version. Installations upgrade
 * from this schema with their data in place.
 *
 * When releasing: set it to the newest migration file of the release and
 * empty MIGRATIONS_SINCE_PREVIOUS_RELEASE. When adding a migration: append
 * it to MIGRATIONS (with the tables it creates) and here, make fixtureRows
 * give the previous release's shape of any table it alters, and assert in
 * the upgrade test what it must compute from the previous release's rows.
 */
const PREVIOUS_RELEASE_LAST_MIGRATION = '20261123200000_sli_cumulative.js';
const MIGRATIONS_SINCE_PREVIOUS_RELEASE: string[] = [
  '20261203120000_sli_pulls.js',
  '20261204120000_sli_slice_shortfall.js',
];

const databases = TestDatabases.create({
  ids: testDatabaseIds,
  disableDocker: true,
});
const names = MIGRATIONS.map(m => m.name);

describe.each(databases.eachSupportedId())(
  'reliability migrations with data on %s',
  databaseId => {
    it('the folder holds exactly the migrations the fixtures cover', async () => {
      const knex = await databases.init(databaseId);
      expect(await migrationFiles(knex)).toEqual(names);
      expect(
        names.slice(names.indexOf(PREVIOUS_RELEASE_LAST_MIGRATION) + 1),
      ).toEqual(MIGRATIONS_SINCE_PREVIOUS_RELEASE);
    });

    it.each(MIGRATIONS.map((migration, index) => [migration.name, index]))(
      '%s goes down and up again without losing other tables’ rows',
      async (name, index) => {
        const knex = await databases.init(databaseId);
        const applied = names.slice(0, Number(index) + 1);
        for (const expected of applied) {
          expect(await migrateUpOne(knex)).toBe(expected);
        }
        const tables = tablesAfter(applied);
        await insertFixtures(knex, applied);
        // Read back before any down: proves the comparison itself holds.
        expect(await readTables(knex, tables)).toStrictEqual(
          expectedTables(knex, tables, applied),
        );
        const schema = await describeSchema(knex);

        expect(await migrateDownOne(knex)).toBe(name);
        const previous = applied.slice(0, -1);
        const { createsTables: dropped, addsColumns = [] } =
          MIGRATIONS[Number(index)];
        for (const table of dropped) {
          expect(await knex.schema.hasTable(table)).toBe(false);
        }
        for (const column of addsColumns) {
          const [table, columnName] = column.split('.');
          expect(await knex.schema.hasColumn(table, columnName)).toBe(false);
        }
        // Every table the down leaves in place keeps every row, each value
        // as written (sli_buckets without the running totals after the
        // sli_cumulative down, which drops those two columns).
        const kept = tablesAfter(previous);
        expect(await readTables(knex, kept)).toStrictEqual(
          expectedTables(knex, kept, previous),
        );

        expect(await migrateUpOne(knex)).toBe(name);
        // The tables this migration created come back empty: the only ones
        // to fill again. The sli_cumulative up refills the running totals
        // itself; the hand-worked ones are what it must compute.
        for (const table of dropped) {
          expect(await readTable(knex, table)).toEqual([]);
        }
        await insertFixtures(knex, applied, dropped);
        expect(await readTables(knex, tables)).toStrictEqual(
          expectedTables(knex, tables, applied),
        );
        // Same columns, indexes, foreign keys (with their ON DELETE) as
        // before the down: SQLite's dropColumn rebuilds the whole table.
        expect(await describeSchema(knex)).toEqual(schema);
      },
    );

    it('upgrades from the previous release with its data in place', async () => {
      const knex = await databases.init(databaseId);
      const released = names.slice(
        0,
        names.indexOf(PREVIOUS_RELEASE_LAST_MIGRATION) + 1,
      );
      expect(released).toContain(PREVIOUS_RELEASE_LAST_MIGRATION);
      for (const expected of released) {
        expect(await migrateUpOne(knex)).toBe(expected);
      }
      await insertFixtures(knex, released);

      expect(await migrateLatest(knex)).toEqual(
        MIGRATIONS_SINCE_PREVIOUS_RELEASE,
      );
      // Every row of the previous release reads back as written, in the
      // latest shape of its table. A migration added after the release
      // that computes values must have them here, in the fixtures of the
      // latest schema (as sli_buckets' running totals are).
      const tables = tablesAfter(names);
      expect(tables).toHaveLength(18);
      const releasedTables = tablesAfter(released);
      expect(await readTables(knex, releasedTables)).toStrictEqual(
        expectedTables(knex, releasedTables, names),
      );
      // Tables created since the release start empty.
      for (const table of tables.filter(x => !releasedTables.includes(x))) {
        expect(await readTable(knex, table)).toEqual([]);
      }

      // The plugin starts on the upgraded database and answers from the
      // previous release's rows: SLO 1's sum after 09:30 is its two raw
      // minutes (598 + 600 of 600 + 600), SLO 2's two days 8.3e9 events.
      const stores = await createReliabilityStores({
        database: mockServices.database({ knex, migrations: { skip: false } }),
      });
      const after = (iso: string) => Date.parse(iso);
      expect(
        (await stores.slos.listSlos('component:default/payments-api')).map(
          slo => slo.name,
        ),
      ).toEqual(['availability', 'latency']);
      await expect(
        stores.slos.sumBuckets(1, [
          {
            fromExclusive: after('2026-11-23T09:30:00Z'),
            toInclusive: after('2026-11-23T10:01:00Z'),
          },
        ]),
      ).resolves.toEqual([{ good: 1_198, total: 1_200 }]);
      await expect(
        stores.slos.sumBuckets(2, [
          {
            fromExclusive: after('2026-11-20T00:00:00Z'),
            toInclusive: after('2026-11-22T00:00:00Z'),
          },
        ]),
      ).resolves.toEqual([{ good: 8_300_000_000, total: 8_300_030_000 }]);
    });
  },
);
