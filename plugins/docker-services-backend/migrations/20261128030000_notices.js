// @ts-check

/**
 * Notifications already sent, by a key every backend replica derives alike
 * from the same Docker event: the first replica to write the key sends, the
 * others see it taken and stay quiet.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('docker_services_notices', table => {
    table.comment('One row per notification sent about a container incident');
    table.string('notice_key', 255).primary();
    table.string('entity_ref', 255).notNullable();
    table.string('kind', 32).notNullable();
    table.timestamp('created_at', { useTz: true }).notNullable();
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('docker_services_notices');
};
