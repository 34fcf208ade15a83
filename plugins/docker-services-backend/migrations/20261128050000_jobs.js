// @ts-check

/**
 * Jobs: their runs (one row per start of a job container, or per scheduled
 * run that was skipped), their schedules, and history rows about schedule
 * changes.
 *
 * A run is keyed by Docker's own start time of the container
 * (`State.StartedAt`), which every backend replica reads alike: the first
 * replica to write a run inserts it, the others find it there.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('docker_services_job_runs', table => {
    table.comment('One row per run of a job container');
    table.increments('id');
    table.string('entity_ref', 255).notNullable();
    table.string('host', 64).notNullable();
    table.string('container_id', 64).notNullable();
    table.string('container_name', 255).notNullable();
    table
      .string('trigger', 16)
      .notNullable()
      .comment('portal, schedule, retry or outside');
    table.string('actor', 255).nullable();
    table.string('reason', 500).nullable();
    table.integer('attempt').notNullable().defaultTo(1);
    table.integer('retry_of').nullable().comment('the run this one retries');
    table
      .integer('history_id')
      .nullable()
      .comment('the history row of the portal action that started it');
    table
      .string('outcome', 16)
      .notNullable()
      .comment('running, succeeded, failed, stopped or skipped');
    table
      .string('started_at', 40)
      .notNullable()
      .comment(
        'State.StartedAt as Docker wrote it; for a skipped run, when it was due',
      );
    table.string('finished_at', 40).nullable();
    table.integer('exit_code').nullable();
    table.boolean('oom_killed').nullable();
    table
      .string('retry_at', 40)
      .nullable()
      .comment('when the retry of this failed run is due');
    table
      .boolean('retry_claimed')
      .notNullable()
      .defaultTo(false)
      .comment('true once a replica took the retry on');
    table.unique(['host', 'container_id', 'started_at'], {
      indexName: 'docker_services_job_runs_start_uniq',
    });
    table.index(
      ['entity_ref', 'host', 'container_name'],
      'docker_services_job_runs_job_idx',
    );
  });
  await knex.schema.createTable('docker_services_job_schedules', table => {
    table.comment('One row per scheduled job');
    table.string('host', 64).notNullable();
    table.string('container_name', 255).notNullable();
    table.string('entity_ref', 255).notNullable();
    table.string('cron', 100).notNullable();
    table.string('time_zone', 64).notNullable();
    table.boolean('paused').notNullable().defaultTo(false);
    table
      .string('next_run_at', 40)
      .nullable()
      .comment('the next tick (ISO 8601); a replica claims it by moving it on');
    table.string('updated_by', 255).notNullable();
    table.string('updated_at', 40).notNullable();
    table.primary(['host', 'container_name']);
  });
  await knex.schema.alterTable('docker_services_history', table => {
    table
      .string('schedule_change', 16)
      .nullable()
      .comment('schedule: set, paused, resumed or removed');
    table.string('schedule_cron', 100).nullable();
    table.string('schedule_time_zone', 64).nullable();
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('docker_services_history', table => {
    table.dropColumn('schedule_change');
    table.dropColumn('schedule_cron');
    table.dropColumn('schedule_time_zone');
  });
  await knex.schema.dropTable('docker_services_job_schedules');
  await knex.schema.dropTable('docker_services_job_runs');
};
