// @ts-check

/**
 * Production readiness: attestations with evidence, waivers, and reviews
 * with a snapshot of the item results at decision time.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('readiness_attestations', table => {
    table.increments('id');
    table.string('entity_ref', 255).notNullable();
    table.string('item_id', 63).notNullable();
    table.string('evidence_url', 2048).notNullable();
    table.text('note').nullable();
    table.string('attested_by', 255).notNullable();
    table.timestamp('attested_at', { useTz: true }).notNullable();
    table.timestamp('expires_at', { useTz: true }).notNullable();
    table.index(['entity_ref'], 'readiness_attestations_entity_idx');
  });
  await knex.schema.createTable('readiness_waivers', table => {
    table.increments('id');
    table.string('entity_ref', 255).notNullable();
    table.string('item_id', 63).notNullable();
    table.text('reason').notNullable();
    table.string('approved_by', 255).notNullable();
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.timestamp('expires_at', { useTz: true }).notNullable();
    table.index(['entity_ref'], 'readiness_waivers_entity_idx');
  });
  await knex.schema.createTable('readiness_reviews', table => {
    table.comment('Review history: requested, then approved or rejected');
    table.increments('id');
    table.string('entity_ref', 255).notNullable();
    table
      .string('state', 16)
      .notNullable()
      .comment('requested | approved | rejected');
    table.string('requested_by', 255).notNullable();
    table.timestamp('requested_at', { useTz: true }).notNullable();
    table.string('target_launch_date', 10).nullable();
    table.string('decided_by', 255).nullable();
    table.timestamp('decided_at', { useTz: true }).nullable();
    table.text('comment').nullable();
    table.string('tier_id', 64).nullable().comment('Tier at decision time');
    table
      .text('snapshot')
      .nullable()
      .comment('ReadinessResult at decision time, JSON');
    table.integer('version').notNullable().defaultTo(1);
    table.index(['entity_ref', 'requested_at'], 'readiness_reviews_entity_idx');
    table.index(['state', 'id'], 'readiness_reviews_state_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('readiness_reviews');
  await knex.schema.dropTable('readiness_waivers');
  await knex.schema.dropTable('readiness_attestations');
};
