/** The table of job runs. */
export const JOB_RUNS_TABLE = 'docker_services_job_runs';

/** A row of the runs table. */
export type RunRow = {
  id: number | string;
  entity_ref: string;
  host: string;
  container_id: string;
  container_name: string;
  trigger: string;
  actor: string | null;
  reason: string | null;
  attempt: number | string;
  retry_of: number | string | null;
  history_id?: number | string | null;
  outcome: string;
  started_at: string;
  finished_at: string | null;
  exit_code: number | string | null;
  oom_killed: boolean | number | null;
  retry_at: string | null;
  retry_claimed: boolean | number;
  pipeline_run_id?: number | string | null;
};
