import { JobRun } from '@docker-services/backstage-plugin-docker-services-common';

/** A row of the pipeline runs table. */
export type PipelineRunRow = {
  id: number | string;
  entity_ref: string;
  host: string;
  pipeline: string;
  status: string;
  first_run_id: number | string;
  started_at: string;
  finished_at: string | null;
  failed_step: string | null;
  generation: number | string;
  rerun_step: string | null;
  rerun_actor: string | null;
  rerun_reason: string | null;
  rerun_at: string | null;
};

/** A row of the pipeline steps table: a step's claimed start. */
export type StepRow = {
  pipeline_run_id: number | string;
  step: string;
  generation: number | string;
  job_run_id: number | string | null;
  claimed_at: string;
};

/** Which pipeline: its entity, host and name. */
export interface PipelineKey {
  entityRef: string;
  host: string;
  pipeline: string;
}

/** A pipeline run as stored, with its step claims and the job runs of its steps. */
export interface StoredPipelineRun extends PipelineKey {
  id: number;
  status: 'running' | 'succeeded' | 'failed';
  firstRunId: number;
  startedAt: string;
  finishedAt?: string;
  failedStep?: string;
  generation: number;
  rerun?: { step: string; actor: string; reason?: string; at: string };
  /** Claimed starts of steps, oldest first. */
  claims: Array<{
    step: string;
    generation: number;
    claimedAt: string;
    jobRunId?: number;
  }>;
  /** The job runs of its steps (retries included), oldest first. */
  jobRuns: JobRun[];
}

/** A pipeline run's row, with its step claims and its steps' job runs. */
export function toStoredPipelineRun(
  row: PipelineRunRow,
  claims: StepRow[],
  jobRuns: JobRun[],
): StoredPipelineRun {
  return {
    id: Number(row.id),
    entityRef: row.entity_ref,
    host: row.host,
    pipeline: row.pipeline,
    status: row.status as StoredPipelineRun['status'],
    firstRunId: Number(row.first_run_id),
    startedAt: row.started_at,
    ...(row.finished_at ? { finishedAt: row.finished_at } : {}),
    ...(row.failed_step ? { failedStep: row.failed_step } : {}),
    generation: Number(row.generation),
    ...(row.rerun_step && row.rerun_actor && row.rerun_at
      ? {
          rerun: {
            step: row.rerun_step,
            actor: row.rerun_actor,
            ...(row.rerun_reason ? { reason: row.rerun_reason } : {}),
            at: row.rerun_at,
          },
        }
      : {}),
    claims: claims.map(c => ({
      step: c.step,
      generation: Number(c.generation),
      claimedAt: c.claimed_at.split(' ')[0],
      ...(c.job_run_id !== null ? { jobRunId: Number(c.job_run_id) } : {}),
    })),
    jobRuns,
  };
}
