import { Knex } from 'knex';
import { chunk } from '../queryHelpers';
import { upsertRows } from '../upsertRows';
import { lockExistingSlo } from './lockSlo';
import { recomputeRunningTotals } from './runningTotals';
import { MeasurementBucket } from './SloStore';

/** The one-minute resolution of raw measurements. */
export const MINUTE_MS = 60_000;

/**
 * Writes one-minute buckets in one transaction under the SLO's lock (a
 * minute sent again replaces the stored one), then the running totals
 * from the earliest written minute on.
 */
export async function writeMinuteBuckets(
  db: Knex,
  sloId: number,
  buckets: MeasurementBucket[],
): Promise<void> {
  await db.transaction(async tx => {
    await lockExistingSlo(tx, sloId);
    // 5 columns × 2000 rows stays well under SQLite's 32766 parameters.
    for (const batch of chunk(buckets, 2000)) {
      await upsertRows(
        tx,
        'sli_buckets',
        ['slo_id', 'bucket_ms', 'bucket_start', 'good', 'total'],
        batch.map(b => [sloId, MINUTE_MS, b.start, b.good, b.total]),
        ['slo_id', 'bucket_ms', 'bucket_start'],
        ['good', 'total'],
      );
    }
    if (buckets.length > 0) {
      await recomputeRunningTotals(
        tx,
        sloId,
        // A loop, not Math.min(...): a long history overflows the stack.
        buckets.reduce((min, b) => Math.min(min, b.start), Infinity),
      );
    }
  });
}
