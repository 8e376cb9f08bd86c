import { toDate } from './toDate';

/**
 * SQLite limits bound parameters per statement; 500 rows of a few columns
 * stays far below it on every engine.
 */
export const CHUNK_SIZE = 500;

/** A timestamp column as the drivers answer it. */
export type Timestamp = Date | string | number;

/** A nullable timestamp column as an ISO string. */
export const isoOrNull = (value: Timestamp | null): string | null =>
  value === null || value === undefined ? null : toDate(value).toISOString();

/** A nullable ISO string as a Date. */
export const dateOrNull = (value: string | null | undefined): Date | null =>
  value ? new Date(value) : null;

export function chunk<T>(items: T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let i = 0; i < items.length; i += size) {
    chunks.push(items.slice(i, i + size));
  }
  return chunks;
}

/**
 * Rows grouped by entity ref, every asked ref present (empty when it has
 * none), rows keeping the query's order.
 */
export function groupByEntity<R, T>(
  refs: readonly string[],
  rows: R[],
  refOf: (row: R) => string,
  map: (row: R) => T,
): Map<string, T[]> {
  const grouped = new Map<string, T[]>(refs.map(ref => [ref, []]));
  for (const row of rows) grouped.get(refOf(row))?.push(map(row));
  return grouped;
}

/**
 * Runs a query per chunk of keys (bound parameters stay well under the
 * drivers' limits) and joins the rows.
 */
export async function inChunks<K, R>(
  keys: readonly K[],
  query: (chunkOfKeys: K[]) => Promise<R[]>,
): Promise<R[]> {
  const unique = [...new Set(keys)];
  const rows: R[] = [];
  for (const part of chunk(unique, CHUNK_SIZE))
    rows.push(...(await query(part)));
  return rows;
}
