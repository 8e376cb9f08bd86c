// @ts-check

/**
 * RatioTimeslices SLOs judge each slice by its ratio of good events, so a
 * rolled-up bucket keeps the sum of its slices' shortfalls (1 − good/total
 * each): a fraction, which `bad_slices` (a count) cannot hold.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('sli_buckets', table => {
    table
      .double('slice_shortfall')
      .nullable()
      .comment(
        'RatioTimeslices rollups: sum over the slices of 1 − good/total',
      );
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('sli_buckets', table => {
    table.dropColumn('slice_shortfall');
  });
};
