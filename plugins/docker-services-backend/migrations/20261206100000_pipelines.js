// @ts-check

/**
 * Pipelines: job containers that run one after another (their labels
 * `docker-services.job.after`). A pipeline run is a row, claimed by the
 * start of its first step (one row per such run, whichever replica writes
 * it first); each later step's start is claimed by a row of its own before
 * Docker is asked, so it starts once however many replicas drive. A step's
 * runs are ordinary job runs that point at their pipeline run.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('docker_services_pipeline_runs', table => {
    table.comment('One row per run of a pipeline');
    table.increments('id');
    table.string('entity_ref', 255).notNullable();
    table.string('host', 64).notNullable();
    table
      .string('pipeline', 255)
      .notNullable()
      .comment("the pipeline's name: its first step's container name");
    table
      .string('status', 16)
      .notNullable()
      .comment('running, succeeded or failed');
    table
      .integer('first_run_id')
      .notNullable()
      .comment('the job run of the first step that began it');
    table.string('started_at', 40).notNullable();
    table.string('finished_at', 40).nullable();
    table.string('failed_step', 255).nullable();
    table
      .integer('generation')
      .notNullable()
      .defaultTo(0)
      .comment('raised by each run-again: step claims of earlier ones stand');
    table.string('rerun_step', 255).nullable();
    table.string('rerun_actor', 255).nullable();
    table.string('rerun_reason', 500).nullable();
    table.string('rerun_at', 40).nullable();
    table.unique(['first_run_id'], {
      indexName: 'docker_services_pipeline_runs_first_uniq',
    });
    table.index(
      ['entity_ref', 'host', 'pipeline'],
      'docker_services_pipeline_runs_pipeline_idx',
    );
    table.index(['status'], 'docker_services_pipeline_runs_status_idx');
  });
  await knex.schema.createTable('docker_services_pipeline_steps', table => {
    table.comment(
      'One row per start of a step in a pipeline run: the claim, then its job run',
    );
    table.integer('pipeline_run_id').notNullable();
    table.string('step', 255).notNullable();
    table.integer('generation').notNullable();
    table.integer('job_run_id').nullable();
    table.string('claimed_at', 40).notNullable();
    table.primary(['pipeline_run_id', 'step', 'generation']);
  });
  await knex.schema.alterTable('docker_services_job_runs', table => {
    table
      .integer('pipeline_run_id')
      .nullable()
      .comment('the pipeline run this run is a step of');
    table.index(['pipeline_run_id'], 'docker_services_job_runs_pipeline_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('docker_services_job_runs', table => {
    table.dropIndex(
      ['pipeline_run_id'],
      'docker_services_job_runs_pipeline_idx',
    );
    table.dropColumn('pipeline_run_id');
  });
  await knex.schema.dropTable('docker_services_pipeline_steps');
  await knex.schema.dropTable('docker_services_pipeline_runs');
};
