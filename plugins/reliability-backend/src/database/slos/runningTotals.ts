import { Knex } from 'knex';

/**
 * Sets the running totals (`cum_good`, `cum_total`) of an SLO's buckets
 * from `fromStart` on (or of every bucket), continuing from the last bucket
 * before it. Buckets are ordered by start, then length.
 */
export async function recomputeRunningTotals(
  db: Knex | Knex.Transaction,
  sloId?: number,
  fromStart?: number,
): Promise<void> {
  const scoped = sloId !== undefined;
  const base = (column: string) =>
    scoped
      ? `COALESCE((SELECT p.${column} FROM sli_buckets p WHERE p.slo_id = ? AND p.bucket_start < ? ORDER BY p.bucket_start DESC, p.bucket_ms DESC LIMIT 1), 0)`
      : '0';
  const baseBindings = scoped ? [sloId, fromStart ?? 0] : [];
  await db.raw(
    `UPDATE sli_buckets SET cum_good = w.cg, cum_total = w.ct
     FROM (
       SELECT slo_id AS s, bucket_ms AS m, bucket_start AS b,
         ${base(
           'cum_good',
         )} + SUM(good) OVER (PARTITION BY slo_id ORDER BY bucket_start, bucket_ms) AS cg,
         ${base(
           'cum_total',
         )} + SUM(total) OVER (PARTITION BY slo_id ORDER BY bucket_start, bucket_ms) AS ct
       FROM sli_buckets
       ${scoped ? 'WHERE slo_id = ? AND bucket_start >= ?' : ''}
     ) w
     WHERE sli_buckets.slo_id = w.s
       AND sli_buckets.bucket_ms = w.m
       AND sli_buckets.bucket_start = w.b`,
    [
      ...baseBindings,
      ...baseBindings,
      ...(scoped ? [sloId, fromStart ?? 0] : []),
    ] as Knex.RawBinding[],
  );
}

/**
 * The running totals of an SLO at each point: those of the last bucket
 * starting at or before it; before the first kept bucket (older ones may
 * have been deleted by retention), the first kept bucket's less its own
 * counts; 0 without buckets.
 */
export async function runningTotalsAt(
  db: Knex,
  sloId: number,
  points: number[],
): Promise<Map<number, { good: number; total: number }>> {
  const atOrBefore = (column: string) =>
    `(SELECT ${column} FROM sli_buckets WHERE slo_id = ? AND bucket_start <= ? ORDER BY bucket_start DESC, bucket_ms DESC LIMIT 1)`;
  const firstAfter = (column: string, own: string) =>
    `(SELECT ${column} - ${own} FROM sli_buckets WHERE slo_id = ? AND bucket_start > ? ORDER BY bucket_start, bucket_ms LIMIT 1)`;
  const columns = points.flatMap((_p, i) => [
    `COALESCE(${atOrBefore('cum_good')}, ${firstAfter(
      'cum_good',
      'good',
    )}, 0) AS g${i}`,
    `COALESCE(${atOrBefore('cum_total')}, ${firstAfter(
      'cum_total',
      'total',
    )}, 0) AS t${i}`,
  ]);
  const bindings = points.flatMap(p => [
    sloId,
    p,
    sloId,
    p,
    sloId,
    p,
    sloId,
    p,
  ]);
  const result = await db.raw(`SELECT ${columns.join(', ')}`, bindings);
  // better-sqlite3 answers rows, pg a result with rows.
  const row = (Array.isArray(result) ? result[0] : result.rows[0]) as Record<
    string,
    string | number
  >;
  return new Map(
    points.map((p, i) => [
      p,
      { good: Number(row[`g${i}`]), total: Number(row[`t${i}`]) },
    ]),
  );
}
