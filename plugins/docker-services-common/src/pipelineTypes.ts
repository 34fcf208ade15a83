// Pipelines: job containers that run one after another, as an Airflow DAG's
// tasks do (`import >> clean >> report`). A pipeline is declared where its
// containers are defined, by people with authority over Docker: the label
// `docker-services.job.after` on a job container names the jobs (by
// container name, of the same entity on the same host) that must succeed
// before it runs. Never by the catalog.

import { JobRun, JobRunTrigger } from './jobTypes';

/**
 * The container label naming the jobs that must succeed before this one
 * runs in its pipeline: container names, separated by commas.
 * @public
 */
export const JOB_AFTER_LABEL = 'docker-services.job.after';

/**
 * The actor of history rows for the steps a pipeline run starts after the
 * steps before them succeeded.
 * @public
 */
export const JOB_PIPELINE_ACTOR = 'docker-services:pipeline';

/**
 * Where a step stands in one pipeline run. `waiting`: the steps before it
 * have not all succeeded yet; `starting`: claimed, Docker asked to start
 * it; `retrying`: its run failed and a retry is planned; `not-run`: the
 * pipeline run ended before it (a step before it failed).
 * @public
 */
export type PipelineStepState =
  | 'waiting'
  | 'starting'
  | 'running'
  | 'retrying'
  | 'succeeded'
  | 'failed'
  | 'stopped'
  | 'not-run';

/**
 * One step of one pipeline run.
 * @public
 */
export interface PipelineStepRun {
  step: string;
  state: PipelineStepState;
  /** In words: "failed after 3 s with code 3 …", "not run: import failed". */
  summary: string;
  /** The step's current job run (its last attempt), once it started. */
  run?: JobRun;
  /** How many runs the step took in this pipeline run (retries included). */
  attempts: number;
}

/**
 * One run of a pipeline: its first steps' start and every step after.
 * @public
 */
export interface PipelineRun {
  id: number;
  status: 'running' | 'succeeded' | 'failed';
  /** What started its first step. */
  trigger: JobRunTrigger;
  /** Who started it, for a run started in the portal (a user entity ref). */
  actor?: string;
  /** ISO 8601: Docker's start of its first step. */
  startedAt: string;
  /** ISO 8601: Docker's end of its last step, once it ended. */
  finishedAt?: string;
  /** The step that failed and ended it. */
  failedStep?: string;
  /** Its steps, in the pipeline's order. */
  steps: PipelineStepRun[];
  /**
   * In words, without the time: "failed at report (code 3) after import
   * and clean succeeded", "succeeded", "running: clean (step 2 of 3)".
   */
  summary: string;
  /** The last "run again from a step": who, which step, why, when (ISO 8601). */
  rerun?: { step: string; actor: string; reason?: string; at: string };
}

/**
 * One step of a pipeline's definition.
 * @public
 */
export interface PipelineStep {
  /** The job container's name. */
  name: string;
  containerId: string;
  /** The steps that must succeed before it (its label `docker-services.job.after`). */
  after: string[];
}

/**
 * A pipeline of an entity on one host, with its last runs.
 * @public
 */
export interface PipelineSummary {
  host: string;
  /** Its name: its first step's container name. */
  name: string;
  /** In order: every step after those it waits for. */
  steps: PipelineStep[];
  /**
   * Why the pipeline cannot run, in words (a cycle, a missing step): then
   * nothing of it runs. Absent when it is sound.
   */
  problem?: string;
  /** Its last runs, newest first. */
  runs: PipelineRun[];
}

/**
 * `POST /entities/:kind/:namespace/:name/pipelines/:host/:pipeline/runs/:runId/run-again`
 * @public
 */
export interface PipelineRunAgainRequest {
  /** The step to run again; it and every step after it run again. */
  step: string;
  reason?: string;
}

/**
 * The answer to a run-again.
 * @public
 */
export interface PipelineRunAgainResponse {
  message: string;
  run: PipelineRun;
}
