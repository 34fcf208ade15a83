// @ts-check

/**
 * The action history: who did what to which container, when, and how it went.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('docker_services_history', table => {
    table.comment('Start, stop and restart actions taken through docker-services');
    table.bigIncrements('id').primary();
    table.string('entity_ref', 255).notNullable();
    table.string('actor', 255).notNullable().comment('User entity ref');
    table.string('action', 16).notNullable();
    table.string('host', 64).notNullable();
    table.string('container_id', 64).notNullable();
    table.string('container_name', 255).notNullable();
    table.text('reason').nullable();
    table.string('outcome', 16).notNullable().comment('succeeded, failed or unknown');
    table.boolean('changed').notNullable();
    table.text('error').nullable().comment('Safe message shown to users');
    table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    table.index(['entity_ref', 'id'], 'docker_services_history_entity_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('docker_services_history');
};
