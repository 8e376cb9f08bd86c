// @ts-check

/**
 * Incidents (affecting one or more entities), their postmortems, and
 * corrective action items.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('incidents', table => {
    table.comment('Incidents; entities in incident_entities');
    table.increments('id');
    table.string('title', 300).notNullable();
    table.string('severity', 32).notNullable();
    table.timestamp('started_at', { useTz: true }).notNullable();
    table.timestamp('detected_at', { useTz: true }).nullable();
    table.timestamp('acknowledged_at', { useTz: true }).nullable();
    table.timestamp('mitigated_at', { useTz: true }).nullable();
    table.timestamp('resolved_at', { useTz: true }).nullable();
    table.string('external_url', 2048).nullable();
    table.integer('version').notNullable().defaultTo(1);
    table.string('updated_by', 255).nullable();
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.timestamp('updated_at', { useTz: true }).notNullable();
    table.index(['started_at'], 'incidents_started_at_idx');
  });
  await knex.schema.createTable('incident_entities', table => {
    table
      .integer('incident_id')
      .notNullable()
      .references('id')
      .inTable('incidents')
      .onDelete('CASCADE');
    table.string('entity_ref', 255).notNullable();
    table.primary(['incident_id', 'entity_ref'], 'incident_entities_pk');
    table.index(['entity_ref'], 'incident_entities_entity_ref_idx');
  });
  await knex.schema.createTable('postmortems', table => {
    table.comment(
      'One postmortem per incident; due_at is computed, never sent',
    );
    table
      .integer('incident_id')
      .primary()
      .references('id')
      .inTable('incidents')
      .onDelete('CASCADE');
    table.string('status', 16).notNullable();
    table.string('document_url', 2048).nullable();
    table.text('summary').nullable();
    table.timestamp('published_at', { useTz: true }).nullable();
    table.integer('version').notNullable().defaultTo(1);
    table.string('updated_by', 255).nullable();
    table.timestamp('updated_at', { useTz: true }).notNullable();
  });
  await knex.schema.createTable('actions', table => {
    table.comment('Corrective action items');
    table.increments('id');
    table.string('title', 300).notNullable();
    table.string('entity_ref', 255).notNullable();
    table
      .integer('incident_id')
      .nullable()
      .references('id')
      .inTable('incidents')
      .onDelete('SET NULL');
    table.string('owner_ref', 255).notNullable();
    table.string('priority', 8).notNullable();
    table.string('due_date', 10).notNullable().comment('Local date YYYY-MM-DD');
    table.string('status', 16).notNullable();
    table.string('ticket_url', 2048).nullable();
    table.integer('version').notNullable().defaultTo(1);
    table.string('created_by', 255).nullable();
    table.string('updated_by', 255).nullable();
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.timestamp('updated_at', { useTz: true }).notNullable();
    table.timestamp('closed_at', { useTz: true }).nullable();
    table.index(['entity_ref', 'status'], 'actions_entity_status_idx');
    table.index(['owner_ref', 'status'], 'actions_owner_status_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('actions');
  await knex.schema.dropTable('postmortems');
  await knex.schema.dropTable('incident_entities');
  await knex.schema.dropTable('incidents');
};
