// @ts-check

/**
 * One row per catalog entity with what the overview filters, sorts and
 * counts on, kept up to date as its inputs change so that the overview
 * never recomputes summaries per request.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('entity_summaries', table => {
    table.comment('Per-entity reliability summary behind the overview');
    table.string('entity_ref', 255).primary();
    table.string('kind', 63).notNullable().comment('Lower case');
    table.string('namespace', 63).notNullable();
    table.string('name', 255).notNullable();
    table.string('title', 255).nullable();
    table.string('tier', 64).nullable();
    table
      .integer('tier_rank')
      .notNullable()
      .comment('Position in the tier policy; 1000 without a tier');
    table.string('owner', 255).nullable().comment('Canonical ref');
    table.string('system', 255).nullable();
    table.string('lifecycle', 63).nullable();
    table.string('rotation_id', 255).nullable();
    table.integer('slo_count').notNullable();
    table
      .string('slo_status', 16)
      .notNullable()
      .comment('Worst SLO status, or none');
    table.integer('slo_rank').notNullable().comment('0 = exhausted');
    table.double('budget_remaining').nullable();
    table.string('on_call_now', 255).nullable();
    table.integer('open_actions').notNullable();
    table.integer('overdue_actions').notNullable();
    table.double('readiness_score').notNullable();
    table.boolean('ready').notNullable();
    table.string('review_state', 16).nullable();
    table
      .integer('gap_mask')
      .notNullable()
      .comment('Bit i set: gap OWNERSHIP_GAP_CODES[i]');
    table.timestamp('updated_at', { useTz: true }).notNullable();
    table.index(['name', 'entity_ref'], 'entity_summaries_name_idx');
    table.index(['owner'], 'entity_summaries_owner_idx');
    table.index(['tier_rank', 'entity_ref'], 'entity_summaries_tier_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('entity_summaries');
};
