import { ConflictError } from '@backstage/errors';
import { SliBucket } from '@reliability-suite/plugin-reliability-common';
import { Knex } from 'knex';
import { chunk } from '../queryHelpers';
import { upsertRows } from '../upsertRows';
import { lockExistingSlo } from './lockSlo';
import { recomputeRunningTotals } from './runningTotals';

const COLUMNS = [
  'slo_id',
  'bucket_ms',
  'bucket_start',
  'good',
  'total',
  'data_slices',
  'bad_slices',
  'slice_shortfall',
];

/**
 * The longest bucket the rollup leaves: a UTC day. A bucket crossing an
 * edge therefore starts less than a day before it, which bounds the
 * search to the rows next to each edge instead of all older ones.
 */
const LONGEST_BUCKET_MS = 24 * 3_600_000;

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
    await lockExistingSlo(tx, sloId);
    // The range was checked against the resolutions of its age before the
    // lock was taken; a rollup in between may have merged the minutes at
    // its edge into an hour that now sticks out of it. Replacing it would
    // lose or double that hour's other minutes, so the caller checks again.
    const straddling = await tx('sli_buckets')
      .where('slo_id', sloId)
      .andWhere(edge =>
        edge
          .where(q =>
            q
              .where('bucket_start', '>', range.from - LONGEST_BUCKET_MS)
              .andWhere('bucket_start', '<', range.from)
              .andWhereRaw('bucket_start + bucket_ms > ?', [range.from]),
          )
          .orWhere(q =>
            q
              .where('bucket_start', '>', range.to - LONGEST_BUCKET_MS)
              .andWhere('bucket_start', '<', range.to)
              .andWhereRaw('bucket_start + bucket_ms > ?', [range.to]),
          ),
      )
      .first('bucket_start', 'bucket_ms');
    if (straddling) {
      throw new ConflictError(
        `Measurements from ${new Date(
          Number(straddling.bucket_start),
        ).toISOString()} were just rolled up into a bucket of ${
          Number(straddling.bucket_ms) / 60_000
        } minutes that crosses the edge of this range; send it again on whole buckets of that size`,
      );
    }
    const deleted = await tx('sli_buckets')
      .where('slo_id', sloId)
      .andWhere('bucket_start', '>=', range.from)
      .andWhere('bucket_start', '<', range.to)
      .delete();
    // 8 columns × 1000 rows stays well under SQLite's 32766 parameters.
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
          b.sliceShortfall ?? null,
        ]),
        ['slo_id', 'bucket_ms', 'bucket_start'],
        COLUMNS.slice(3),
      );
    }
    await recomputeRunningTotals(tx, sloId, range.from);
    return deleted;
  });
}
