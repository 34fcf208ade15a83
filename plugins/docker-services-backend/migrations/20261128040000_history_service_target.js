// @ts-check

/**
 * History rows can name a Swarm service instead of a container (target
 * "service"; its id and name then sit in container_id and container_name),
 * and a scale records the replicas before and asked for.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('docker_services_history', table => {
    table
      .string('target', 16)
      .nullable()
      .comment('container (or null) or service');
    table.integer('replicas_from').nullable().comment('scale: replicas before');
    table
      .integer('replicas_to')
      .nullable()
      .comment('scale: replicas asked for');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('docker_services_history', table => {
    table.dropColumn('target');
    table.dropColumn('replicas_from');
    table.dropColumn('replicas_to');
  });
};
