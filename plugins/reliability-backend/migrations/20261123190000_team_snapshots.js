// @ts-check

/**
 * A team's KPI values once a day, for the scorecard's trend lines. The
 * values are computed as of that day and never rewritten afterwards, except
 * that a later run on the same day replaces that day's row.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('team_snapshots', table => {
    table.comment('Daily KPI values per team');
    table.string('team_ref', 255).notNullable();
    table.string('day', 10).notNullable().comment('YYYY-MM-DD, UTC');
    table.text('kpis').notNullable().comment('{ [kpiId]: number | null }');
    table.timestamp('computed_at', { useTz: true }).notNullable();
    table.primary(['team_ref', 'day']);
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('team_snapshots');
};
