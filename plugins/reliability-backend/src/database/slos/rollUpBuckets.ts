import { SliBucket } from '@reliability-suite/plugin-reliability-common';
import { Knex } from 'knex';
import { lockSlo } from './lockSlo';
import { recomputeRunningTotals } from './runningTotals';
import { BucketRow, SloRow, toBucket, toStoredSlo } from './sloRows';
import { RollUpOptions } from './SloStore';

/**
 * Rolls buckets of `fromMs` older than `before` up into buckets of `toMs`,
 * one SLO per transaction, adding to coarse buckets that already exist and
 * recomputing the running totals from the first changed bucket.
 *
 * @returns how many fine buckets were rolled up
 */
export async function rollUpBuckets(
  db: Knex,
  options: RollUpOptions,
): Promise<number> {
  const { fromMs, toMs, sliceCounts } = options;
  // Only whole coarse buckets are rolled up, so none is split between
  // resolutions.
  const before = Math.floor(options.before / toMs) * toMs;
  const sloIds = (
    await db('sli_buckets')
      .where({ bucket_ms: fromMs })
      .andWhere('bucket_start', '<', before)
      .modify(query => {
        if (options.sloIds) query.whereIn('slo_id', options.sloIds);
      })
      .distinct('slo_id')
  ).map((row: { slo_id: number }) => row.slo_id);
  let rolled = 0;
  for (const sloId of sloIds) {
    rolled += await db.transaction(async tx => {
      // A deleted SLO's buckets go with it: nothing to roll up.
      if (!(await lockSlo(tx, sloId))) return 0;
      const sloRow = await tx<SloRow>('slos').where({ id: sloId }).first();
      const rows = await tx<BucketRow>('sli_buckets')
        .where({ slo_id: sloId, bucket_ms: fromMs })
        .andWhere('bucket_start', '<', before)
        .orderBy('bucket_start');
      const groups = new Map<number, SliBucket[]>();
      for (const bucket of rows.map(toBucket)) {
        const start = Math.floor(bucket.start / toMs) * toMs;
        groups.set(start, [...(groups.get(start) ?? []), bucket]);
      }
      for (const [start, group] of groups) {
        const counts = sloRow
          ? sliceCounts(toStoredSlo(sloRow), group)
          : undefined;
        const existing = await tx<BucketRow>('sli_buckets')
          .where({ slo_id: sloId, bucket_ms: toMs, bucket_start: start })
          .first();
        const sum = (pick: (b: SliBucket) => number | undefined) =>
          group.reduce((total, b) => total + (pick(b) ?? 0), 0);
        const row = {
          slo_id: sloId,
          bucket_ms: toMs,
          bucket_start: start,
          good: sum(b => b.good) + Number(existing?.good ?? 0),
          total: sum(b => b.total) + Number(existing?.total ?? 0),
          data_slices: counts
            ? counts.dataSlices + (existing?.data_slices ?? 0)
            : null,
          bad_slices:
            counts?.badSlices !== undefined
              ? counts.badSlices + (existing?.bad_slices ?? 0)
              : null,
          slice_shortfall:
            counts?.sliceShortfall !== undefined
              ? counts.sliceShortfall + Number(existing?.slice_shortfall ?? 0)
              : null,
        };
        await tx('sli_buckets')
          .insert(row)
          .onConflict(['slo_id', 'bucket_ms', 'bucket_start'])
          .merge([
            'good',
            'total',
            'data_slices',
            'bad_slices',
            'slice_shortfall',
          ]);
      }
      await tx('sli_buckets')
        .where({ slo_id: sloId, bucket_ms: fromMs })
        .andWhere('bucket_start', '<', before)
        .delete();
      if (groups.size > 0) {
        let first = Infinity;
        for (const start of groups.keys()) first = Math.min(first, start);
        await recomputeRunningTotals(tx, sloId, first);
      }
      return rows.length;
    });
  }
  return rolled;
}
