// The jobs routes' wire types. A job is a container bound to an entity (as
// any container is) whose own label `docker-services.job=true` marks it as a
// job: set where the container is defined (a Compose file, `docker run`), by
// people with authority over Docker, never by a catalog author.

import { ContainerState } from './types';
import type { PipelineSummary } from './pipelineTypes';

/**
 * The container label that marks a bound container as a job.
 * @public
 */
export const JOB_LABEL = 'docker-services.job';

/**
 * Retries after a failed run, from the container's labels
 * `docker-services.job.retries` (0–5) and `docker-services.job.retry-delay`
 * (seconds, or e.g. `30s`, `5m`).
 * @public
 */
export const JOB_RETRIES_LABEL = 'docker-services.job.retries';
/** @public */
export const JOB_RETRY_DELAY_LABEL = 'docker-services.job.retry-delay';

/**
 * The actor of history rows for a job's scheduled runs and schedule-driven
 * skips.
 * @public
 */
export const JOB_SCHEDULE_ACTOR = 'docker-services:schedule';
/**
 * The actor of history rows for a job's retries.
 * @public
 */
export const JOB_RETRY_ACTOR = 'docker-services:retry';

/**
 * What started a run: someone in the portal ("Run now" or Start), the job's
 * schedule, a retry after a failed run, or something outside the portal
 * (`docker start`, a restart policy). `pipeline`: its pipeline started it
 * after the steps before it succeeded.
 * @public
 */
export type JobRunTrigger =
  | 'portal'
  | 'schedule'
  | 'retry'
  | 'pipeline'
  | 'outside';

/**
 * How a run ended. `stopped`: someone stopped it from the portal (not a
 * failure; no retry). `skipped`: a scheduled run that was not started
 * because the previous one was still running (it has no log).
 * @public
 */
export type JobRunOutcome =
  | 'running'
  | 'succeeded'
  | 'failed'
  | 'stopped'
  | 'skipped';

/**
 * One run of a job: one start of its container and its end.
 * @public
 */
export interface JobRun {
  id: number;
  entityRef: string;
  host: string;
  containerId: string;
  containerName: string;
  trigger: JobRunTrigger;
  /** Who started it, for a run started in the portal (a user entity ref). */
  actor?: string;
  reason?: string;
  /** 1 for a first run, 2 for its first retry, and so on. */
  attempt: number;
  /** For a retry: the run it retried. */
  retryOf?: number;
  outcome: JobRunOutcome;
  /** ISO 8601 (Docker's times). A skipped run's time is when it was due. */
  startedAt: string;
  finishedAt?: string;
  durationMs?: number;
  exitCode?: number;
  oomKilled?: boolean;
  /**
   * In words, without the time: "failed after 4 min with code 3 (the
   * program reported an error)", "running for 12 s", "not started: the
   * previous run was still running".
   */
  summary: string;
  /** ISO 8601: when the retry of this failed run is due, while it is. */
  retryAt?: string;
  /** The pipeline run this run is a step of. */
  pipelineRunId?: number;
}

/**
 * `GET …/containers/:host/:id/runs`, newest first.
 * @public
 */
export interface JobRunsResponse {
  items: JobRun[];
  /** Pass as `before` for the next (older) page; absent on the last page. */
  nextBefore?: number;
}

/**
 * A job's schedule, kept in the plugin's database and carried out by one
 * backend replica at a time.
 * @public
 */
export interface JobSchedule {
  /** A cron expression: five fields (minute first), or six with seconds. */
  cron: string;
  /** IANA time zone the cron expression is read in, e.g. `Europe/Berlin`. */
  timeZone: string;
  paused: boolean;
  /** In words: "every day at 02:00", "at minute 15 of every hour". */
  description: string;
  /** ISO 8601; absent while paused or when schedules are off on the host. */
  nextRunAt?: string;
  /** User entity ref of who last changed it, and when (ISO 8601). */
  updatedBy: string;
  updatedAt: string;
}

/**
 * `PUT …/containers/:host/:id/schedule`
 * @public
 */
export interface JobScheduleRequest {
  cron: string;
  timeZone: string;
  paused?: boolean;
  reason?: string;
}

/**
 * One job of an entity.
 * @public
 */
export interface JobSummary {
  host: string;
  containerId: string;
  containerName: string;
  state: ContainerState;
  running: boolean;
  /** The newest run, skipped ones aside. */
  lastRun?: JobRun;
  retries: { count: number; delaySeconds: number };
  schedule?: JobSchedule;
  /** False when the host's config turns schedules off (then none runs). */
  schedulesEnabled: boolean;
}

/**
 * `GET /entities/:kind/:namespace/:name/jobs`
 * @public
 */
export interface JobsResponse {
  entityRef: string;
  jobs: JobSummary[];
  /** The pipelines its jobs make (their labels `docker-services.job.after`). */
  pipelines?: PipelineSummary[];
  /** Hosts that did not answer, with why in words. */
  unavailable: { host: string; error: string }[];
}

/**
 * `POST …/containers/:host/:id/run`
 * @public
 */
export interface JobRunNowResponse {
  /** What happened, in a sentence for the person who asked. */
  message: string;
  /** The run it started, once recorded (absent when Docker was slow to say). */
  run?: JobRun;
}
