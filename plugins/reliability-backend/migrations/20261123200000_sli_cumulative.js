// @ts-check

/**
 * Running totals on SLI buckets: each row's good and total summed over
 * every bucket of its SLO up to and including it (ordered by start, then
 * length). A window's sum is then the difference of two running totals,
 * two index lookups instead of a scan of up to 5,000 rows per SLO.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('sli_buckets', table => {
    table.bigInteger('cum_good').nullable();
    table.bigInteger('cum_total').nullable();
  });
  await knex.raw(`
    UPDATE sli_buckets SET cum_good = w.cg, cum_total = w.ct
    FROM (
      SELECT slo_id AS s, bucket_ms AS m, bucket_start AS b,
        SUM(good) OVER (PARTITION BY slo_id ORDER BY bucket_start, bucket_ms) AS cg,
        SUM(total) OVER (PARTITION BY slo_id ORDER BY bucket_start, bucket_ms) AS ct
      FROM sli_buckets
    ) w
    WHERE sli_buckets.slo_id = w.s
      AND sli_buckets.bucket_ms = w.m
      AND sli_buckets.bucket_start = w.b`);
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('sli_buckets', table => {
    table.dropColumn('cum_good');
    table.dropColumn('cum_total');
  });
};
