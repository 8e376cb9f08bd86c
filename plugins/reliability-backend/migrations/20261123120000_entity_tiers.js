// @ts-check

/**
 * Each catalog entity's tier as last seen by the catalog sync, and since
 * when it has had that tier. Later features need "since" (a readiness
 * approval lapses when the tier changes) and the overview reads tiers
 * without asking the catalog per row.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('entity_tiers', table => {
    table.comment('The tier of each catalog entity and since when it has it');
    table
      .string('entity_ref', 255)
      .primary()
      .notNullable()
      .comment('Canonical lower-case entity ref');
    table
      .string('tier_id', 64)
      .nullable()
      .comment('Resolved tier id; null when untiered or unknown');
    table
      .string('annotation_value', 255)
      .nullable()
      .comment('The reliability/tier annotation as written');
    table
      .timestamp('tier_since', { useTz: true })
      .notNullable()
      .comment('When the current tier_id was first observed');
    table
      .timestamp('last_seen_at', { useTz: true })
      .notNullable()
      .comment('When the sync last saw the entity in the catalog');
    table.index(['tier_id'], 'entity_tiers_tier_id_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('entity_tiers');
};
