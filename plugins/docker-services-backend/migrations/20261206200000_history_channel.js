// @ts-check

/**
 * The person is the actor; the channel says how they asked. A row written
 * for an action an assistant called on a person's behalf (over MCP) keeps
 * `assistant` here, shown as "via assistant"; null for the portal's own
 * pages and HTTP API.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('docker_services_history', table => {
    table
      .string('channel', 20)
      .nullable()
      .comment('How the actor asked: assistant, or null for the portal itself');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('docker_services_history', table => {
    table.dropColumn('channel');
  });
};
