import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { Knex } from 'knex';
import {
  BIGINT_COLUMNS,
  FixtureRow,
  fixtureRows,
  PRIMARY_KEYS,
  tablesAfter,
} from './migrationFixtures';

/**
 * The migrations folder exactly as createReliabilityStores resolves it, so
 * the tests run the files the plugin ships.
 */
export const migrationsDirectory = resolvePackagePath(
  '@reliability-suite/plugin-reliability-backend',
  'migrations',
);

const config = { directory: migrationsDirectory };

/** Runs the next pending migration alone and returns its file name. */
export async function migrateUpOne(knex: Knex): Promise<string> {
  const [, log] = await knex.migrate.up(config);
  if (log.length !== 1) {
    throw new Error(`Expected one migration to run, ran ${log.join(', ')}`);
  }
  return log[0];
}

/** Undoes the last applied migration alone and returns its file name. */
export async function migrateDownOne(knex: Knex): Promise<string> {
  const [, log] = await knex.migrate.down(config);
  if (log.length !== 1) {
    throw new Error(`Expected one migration to undo, undid ${log.join(', ')}`);
  }
  return log[0];
}

/** Runs every pending migration and returns their file names. */
export async function migrateLatest(knex: Knex): Promise<string[]> {
  const [, log] = await knex.migrate.latest(config);
  return log;
}

/** The migration files of the folder, in the order knex runs them. */
export async function migrationFiles(knex: Knex): Promise<string[]> {
  const [completed, pending] = await knex.migrate.list(config);
  return [
    ...completed.map((c: { name: string }) => c.name),
    ...pending.map((p: { file: string }) => p.file),
  ];
}

/**
 * Inserts the fixture rows of `tables` (parents before children, the order
 * of MIGRATIONS) in the schema `applied` leaves.
 */
export async function insertFixtures(
  knex: Knex,
  applied: readonly string[],
  tables: readonly string[] = tablesAfter(applied),
): Promise<void> {
  for (const table of tablesAfter(applied).filter(x => tables.includes(x))) {
    await knex(table).insert(fixtureRows(table, applied));
  }
}

/**
 * Every row of `table` as the driver returns it, in primary key order.
 * Sorted here rather than by ORDER BY: PostgreSQL's text collation follows
 * the server's locale, SQLite's compares bytes.
 */
export async function readTable(knex: Knex, table: string) {
  const rows: Array<Record<string, unknown>> = await knex(table).select();
  // Copied into plain objects: the drivers' rows have other prototypes,
  // which toStrictEqual would compare too.
  return sortByPrimaryKey(
    table,
    rows.map(row => ({ ...row })),
  );
}

function sortByPrimaryKey<T extends Record<string, unknown>>(
  table: string,
  rows: T[],
): T[] {
  const key = PRIMARY_KEYS[table];
  // Numbers and bigint strings compare as numbers, text as code units.
  const comparable = (value: unknown) =>
    typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;
  return [...rows].sort((a, b) => {
    for (const column of key) {
      const x = comparable(a[column]) as string | number;
      const y = comparable(b[column]) as string | number;
      if (x !== y) {
        return x < y ? -1 : 1;
      }
    }
    return 0;
  });
}

/**
 * The fixture rows of `table` as the database's driver must return them.
 * The only differences allowed between SQLite and PostgreSQL: SQLite stores
 * knex's `Date` bindings as epoch milliseconds and booleans as 0/1, and
 * PostgreSQL returns bigint columns as strings. Every other value must read
 * back exactly as written.
 */
export function expectedRows(
  knex: Knex,
  table: string,
  applied: readonly string[],
): Array<Record<string, unknown>> {
  const sqlite = isSqlite(knex);
  const bigints = BIGINT_COLUMNS[table] ?? [];
  return sortByPrimaryKey(table, fixtureRows(table, applied)).map(row =>
    Object.fromEntries(
      Object.entries(row).map(([column, value]) => [
        column,
        asDriverReturns(value, sqlite, bigints.includes(column)),
      ]),
    ),
  );
}

function asDriverReturns(
  value: FixtureRow[string],
  sqlite: boolean,
  bigint: boolean,
): unknown {
  if (sqlite && value instanceof Date) {
    return value.getTime();
  }
  if (sqlite && typeof value === 'boolean') {
    return value ? 1 : 0;
  }
  if (!sqlite && bigint && typeof value === 'number') {
    return String(value);
  }
  return value;
}

/** Every table's rows as the driver returns them, keyed by table. */
export async function readTables(knex: Knex, tables: readonly string[]) {
  const result: Record<string, unknown[]> = {};
  for (const table of tables) {
    result[table] = await readTable(knex, table);
  }
  return result;
}

/** What every table of `tables` must hold: its fixture rows. */
export function expectedTables(
  knex: Knex,
  tables: readonly string[],
  applied: readonly string[],
) {
  return Object.fromEntries(
    tables.map(table => [table, expectedRows(knex, table, applied)]),
  );
}

function isSqlite(knex: Knex): boolean {
  return String(knex.client.config.client).includes('sqlite');
}

/**
 * The schema's tables with their columns, indexes and constraints (foreign
 * keys with their ON DELETE), without knex's bookkeeping tables. Columns
 * are sorted by name: PostgreSQL numbers a column re-added after a drop
 * after the dropped one, which changes nothing a query sees.
 */
export async function describeSchema(knex: Knex): Promise<unknown> {
  if (isSqlite(knex)) {
    const tables: Array<{ name: string }> = await knex.raw(
      `SELECT name FROM sqlite_master WHERE type = 'table'
        AND name NOT LIKE 'knex_%' AND name NOT LIKE 'sqlite_%' ORDER BY name`,
    );
    const schema: Record<string, unknown> = {};
    for (const { name } of tables) {
      const columns = await knex.raw(
        `SELECT name, type, "notnull", dflt_value, pk
           FROM pragma_table_info(?) ORDER BY name`,
        [name],
      );
      const indexes = await knex.raw(
        `SELECT l.name, l."unique", l.origin, group_concat(i.name) AS columns
           FROM pragma_index_list(?) l, pragma_index_info(l.name) i
           GROUP BY l.name ORDER BY l.name`,
        [name],
      );
      const foreignKeys = await knex.raw(
        `SELECT "table", "from", "to", on_update, on_delete
           FROM pragma_foreign_key_list(?) ORDER BY "from"`,
        [name],
      );
      schema[name] = { columns, indexes, foreignKeys };
    }
    return schema;
  }
  const columns = await knex.raw(
    `SELECT table_name, column_name, data_type, is_nullable, column_default
       FROM information_schema.columns
      WHERE table_schema = current_schema() AND table_name NOT LIKE 'knex_%'
      ORDER BY table_name, column_name`,
  );
  const indexes = await knex.raw(
    `SELECT tablename, indexname, indexdef FROM pg_indexes
      WHERE schemaname = current_schema() AND tablename NOT LIKE 'knex_%'
      ORDER BY tablename, indexname`,
  );
  const constraints = await knex.raw(
    `SELECT c.conrelid::regclass::text AS table_name, c.conname,
            pg_get_constraintdef(c.oid) AS definition
       FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace
      WHERE n.nspname = current_schema()
        AND c.conrelid::regclass::text NOT LIKE 'knex_%'
      ORDER BY 1, 2`,
  );
  return {
    columns: columns.rows,
    indexes: indexes.rows,
    constraints: constraints.rows,
  };
}
