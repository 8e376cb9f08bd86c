import { SliBucket } from '@reliability-suite/plugin-reliability-common';
import { Knex } from 'knex';
import { chunk } from '../queryHelpers';
import { upsertRows } from '../upsertRows';
import { lockSlo } from './lockSlo';
import { recomputeRunningTotals } from './runningTotals';

const COLUMNS = [
  'slo_id',
  'bucket_ms',
  'bucket_start',
  'good',
  'total',
  'data_slices',
  'bad_slices',
];

/**
 * Replaces every bucket of an SLO that starts in `[from, to)`, of any
 * resolution, with `buckets`, and recomputes the running totals from
 * `from` on: one transaction under the SLO's lock.
 *
 * @returns how many buckets were deleted
 */
export async function replaceBuckets(
  db: Knex,
  sloId: number,
  range: { from: number; to: number },
  buckets: SliBucket[],
): Promise<number> {
  return db.transaction(async tx => {
    await lockSlo(tx, sloId);
    const deleted = await tx('sli_buckets')
      .where('slo_id', sloId)
      .andWhere('bucket_start', '>=', range.from)
      .andWhere('bucket_start', '<', range.to)
      .delete();
    // 7 columns × 1000 rows stays well under SQLite's 32766 parameters.
    for (const batch of chunk(buckets, 1000)) {
      await upsertRows(
        tx,
        'sli_buckets',
        COLUMNS,
        batch.map(b => [
          sloId,
          b.durationMs,
          b.start,
          b.good,
          b.total,
          b.dataSlices ?? null,
          b.badSlices ?? null,
        ]),
        ['slo_id', 'bucket_ms', 'bucket_start'],
        COLUMNS.slice(3),
      );
    }
    await recomputeRunningTotals(tx, sloId, range.from);
    return deleted;
  });
}
