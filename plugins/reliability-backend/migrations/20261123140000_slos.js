// @ts-check

/**
 * SLOs, their measurements and computed status, and error-budget
 * exceptions.
 *
 * Measurements are counts in fixed buckets (never ratios): `bucket_ms` is
 * the bucket length (60000 for raw minutes, 3600000 for hourly rollups,
 * 86400000 for daily), `bucket_start` its start in epoch milliseconds.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('slos', table => {
    table.comment(
      'SLO definitions, from the catalog (OpenSLO files) or the API',
    );
    table.increments('id');
    table
      .string('entity_ref', 255)
      .notNullable()
      .comment('Canonical lower-case entity ref');
    table
      .string('name', 63)
      .notNullable()
      .comment('metadata.name, unique per entity');
    table.string('source', 16).notNullable().comment('catalog | api');
    table.text('definition').notNullable().comment('SloDefinition as JSON');
    table
      .integer('version')
      .notNullable()
      .defaultTo(1)
      .comment('Bumped on every change');
    table.string('updated_by', 255).nullable();
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.timestamp('updated_at', { useTz: true }).notNullable();
    table.unique(['entity_ref', 'name'], {
      indexName: 'slos_entity_ref_name_uniq',
    });
  });

  await knex.schema.createTable('sli_buckets', table => {
    table.comment('Good and total event counts per SLO and bucket');
    table
      .integer('slo_id')
      .notNullable()
      .references('id')
      .inTable('slos')
      .onDelete('CASCADE');
    table
      .integer('bucket_ms')
      .notNullable()
      .comment('Bucket length: 60000, 3600000 or 86400000');
    table
      .bigInteger('bucket_start')
      .notNullable()
      .comment('Epoch milliseconds');
    table.bigInteger('good').notNullable();
    table.bigInteger('total').notNullable();
    table
      .integer('data_slices')
      .nullable()
      .comment('Rollups of Timeslices SLOs: slices with data');
    table
      .integer('bad_slices')
      .nullable()
      .comment('Rollups of Timeslices SLOs: bad slices');
    table.primary(['slo_id', 'bucket_ms', 'bucket_start'], 'sli_buckets_pk');
    table.index(['slo_id', 'bucket_start'], 'sli_buckets_slo_start_idx');
  });

  await knex.schema.createTable('slo_status', table => {
    table.comment(
      'Each SLO status as last computed (after ingest and on a schedule)',
    );
    table
      .integer('slo_id')
      .primary()
      .references('id')
      .inTable('slos')
      .onDelete('CASCADE');
    table.string('status', 16).notNullable();
    table.double('budget_remaining').nullable();
    table.double('attainment').nullable();
    table.text('report').notNullable().comment('SloStatusReport as JSON');
    table.timestamp('computed_at', { useTz: true }).notNullable();
  });

  await knex.schema.createTable('slo_sync_problems', table => {
    table.comment('Problems found in the OpenSLO file of an entity');
    table.string('entity_ref', 255).primary();
    table.string('location', 1024).notNullable();
    table.text('problems').notNullable().comment('OpenSloError[] as JSON');
    table.timestamp('checked_at', { useTz: true }).notNullable();
  });

  await knex.schema.createTable('budget_exceptions', table => {
    table.comment(
      'Time-bound exceptions to an error-budget freeze, approved by a reviewer',
    );
    table.increments('id');
    table.string('entity_ref', 255).notNullable();
    table.text('reason').notNullable();
    table.timestamp('starts_at', { useTz: true }).notNullable();
    table.timestamp('ends_at', { useTz: true }).notNullable();
    table.string('approved_by', 255).notNullable();
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.index(['entity_ref', 'ends_at'], 'budget_exceptions_entity_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('budget_exceptions');
  await knex.schema.dropTable('slo_sync_problems');
  await knex.schema.dropTable('slo_status');
  await knex.schema.dropTable('sli_buckets');
  await knex.schema.dropTable('slos');
};
