// @ts-check

/**
 * Where each pulled SLO stands with its SLI provider: how far its
 * measurements have been pulled (the high-water mark), against which
 * version of the SLO (a changed SLO is pulled again over its whole
 * window), a replay someone asked for, and the last failure with its
 * backoff, shown on the SLO card.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('sli_pulls', table => {
    table.comment('SLI pull state per SLO pulled from a provider');
    table
      .integer('slo_id')
      .primary()
      .references('id')
      .inTable('slos')
      .onDelete('CASCADE');
    table.string('provider', 63).notNullable().comment('SliProvider.id');
    table
      .integer('slo_version')
      .notNullable()
      .comment('The SLO version pulled; another version starts over');
    table
      .bigInteger('pulled_until')
      .notNullable()
      .comment('Epoch ms: measurements before it are pulled');
    table.timestamp('last_attempt_at', { useTz: true }).nullable();
    table.timestamp('last_success_at', { useTz: true }).nullable();
    table
      .integer('failures')
      .notNullable()
      .defaultTo(0)
      .comment('Failed pulls in a row');
    table
      .bigInteger('next_attempt_at')
      .nullable()
      .comment('Epoch ms: no pull before it (backoff after failures)');
    table.text('problem').nullable().comment('The last failure, for the card');
    table
      .bigInteger('replay_from')
      .nullable()
      .comment('Epoch ms: where a replay asked for started; null when done');
    table
      .integer('revision')
      .notNullable()
      .defaultTo(1)
      .comment(
        'Bumped on every write: a pull and a replay never overwrite each other',
      );
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('sli_pulls');
};
