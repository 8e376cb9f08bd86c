import { Knex } from 'knex';

/**
 * `INSERT … VALUES (…), (…) ON CONFLICT (…) DO UPDATE SET col = excluded.col`
 * for many rows at once, on SQLite and PostgreSQL alike.
 *
 * knex compiles multi-row inserts for SQLite into `SELECT … UNION ALL`,
 * which SQLite caps at 500 terms and runs slower than a VALUES list; the
 * ingest path writes thousands of rows per batch.
 */
export async function upsertRows(
  db: Knex | Knex.Transaction,
  table: string,
  columns: string[],
  rows: unknown[][],
  conflictColumns: string[],
  updateColumns: string[],
): Promise<void> {
  if (rows.length === 0) {
    return;
  }
  const placeholders = `(${columns.map(() => '?').join(', ')})`;
  const sql = [
    `INSERT INTO ?? (${columns.map(() => '??').join(', ')})`,
    `VALUES ${rows.map(() => placeholders).join(', ')}`,
    `ON CONFLICT (${conflictColumns.map(() => '??').join(', ')})`,
    `DO UPDATE SET ${updateColumns.map(() => '?? = excluded.??').join(', ')}`,
  ].join(' ');
  const bindings = [
    table,
    ...columns,
    ...rows.flat(),
    ...conflictColumns,
    ...updateColumns.flatMap(column => [column, column]),
  ];
  await db.raw(sql, bindings as Knex.RawBinding[]);
}
