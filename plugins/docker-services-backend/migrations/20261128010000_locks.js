// @ts-check

/**
 * Locks that serialize actions on one container across backend replicas.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('docker_services_locks', table => {
    table.comment('One row per container an action is running on, in any replica');
    table.string('lock_key', 160).primary();
    table.string('holder', 64).notNullable();
    table.bigInteger('expires_at').notNullable().comment('Epoch milliseconds; a crashed holder loses the lock then');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('docker_services_locks');
};
