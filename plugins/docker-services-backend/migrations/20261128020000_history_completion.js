// @ts-check

/**
 * History rows are written before Docker is called (outcome "requested")
 * and completed afterwards; finished_at says when.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('docker_services_history', table => {
    table
      .timestamp('finished_at', { useTz: true })
      .nullable()
      .comment('When the action ended; null while it is requested');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('docker_services_history', table => {
    table.dropColumn('finished_at');
  });
};
