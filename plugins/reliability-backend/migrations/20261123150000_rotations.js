// @ts-check

/**
 * On-call rotations of teams, and overrides that win over their schedule.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('rotations', table => {
    table.comment('On-call rotations; levels are stored as JSON');
    table
      .string('id', 63)
      .primary()
      .comment('Chosen by the client, used in URLs');
    table.string('name', 100).notNullable();
    table
      .string('team_ref', 255)
      .notNullable()
      .comment('Owning Group, canonical lower-case ref');
    table.string('time_zone', 64).notNullable();
    table
      .string('handoff_anchor', 32)
      .notNullable()
      .comment('Local date-time of the first hand-off');
    table.string('shift_length', 32).notNullable().comment('ISO-8601 duration');
    table.text('levels').notNullable().comment('RotationLevel[] as JSON');
    table.integer('version').notNullable().defaultTo(1);
    table.string('updated_by', 255).nullable();
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.timestamp('updated_at', { useTz: true }).notNullable();
    table.index(['team_ref'], 'rotations_team_ref_idx');
  });

  await knex.schema.createTable('rotation_overrides', table => {
    table.comment('Someone covering a level of a rotation for a while');
    table.increments('id');
    table
      .string('rotation_id', 63)
      .notNullable()
      .references('id')
      .inTable('rotations')
      .onDelete('CASCADE');
    table.integer('level').notNullable().defaultTo(1);
    table.timestamp('starts_at', { useTz: true }).notNullable();
    table.timestamp('ends_at', { useTz: true }).notNullable();
    table.string('user_ref', 255).notNullable();
    table.string('created_by', 255).nullable();
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.index(['rotation_id', 'ends_at'], 'rotation_overrides_rotation_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('rotation_overrides');
  await knex.schema.dropTable('rotations');
};
