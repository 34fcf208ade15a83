// @ts-check

/**
 * The record is matched by identity, not by the clock: a history row of a
 * start, stop or restart keeps what Docker said of the container just
 * before the portal called it and just after, in Docker's own times. Which
 * run an action ended or began is then read off Docker's times alone, so a
 * clock skew between the backend and the engine changes nothing.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('docker_services_history', table => {
    table
      .string('engine_running_since', 40)
      .nullable()
      .comment(
        'State.StartedAt of the run that was going when the action was sent (null: not running)',
      );
    table
      .string('engine_started_before', 40)
      .nullable()
      .comment('State.StartedAt before the action, running or not');
    table
      .string('engine_started_after', 40)
      .nullable()
      .comment(
        'State.StartedAt after the action (of a job that exited at once too)',
      );
    table
      .string('engine_finished_after', 40)
      .nullable()
      .comment('State.FinishedAt after the action');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('docker_services_history', table => {
    table.dropColumn('engine_running_since');
    table.dropColumn('engine_started_before');
    table.dropColumn('engine_started_after');
    table.dropColumn('engine_finished_after');
  });
};
