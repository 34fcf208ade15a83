import { JobRunTrigger } from '@docker-services/backstage-plugin-docker-services-common';
import { JobKey } from './jobKey';

/** A run as it begins: Docker's start time is its key. */
export interface RunStart extends JobKey {
  containerId: string;
  startedAt: string;
  trigger: JobRunTrigger;
  actor?: string;
  reason?: string;
  attempt: number;
  retryOf?: number;
  /** The history row of the portal action that started it. */
  historyId?: number;
  /** The pipeline run it is a step of (a retry: its failed run's). */
  pipelineRunId?: number;
}

/** The row a run writes to the runs table as it begins. */
export function newRunRow(start: RunStart) {
  return {
    entity_ref: start.entityRef,
    host: start.host,
    container_id: start.containerId,
    container_name: start.containerName,
    trigger: start.trigger,
    actor: start.actor ?? null,
    reason: start.reason?.slice(0, 500) ?? null,
    attempt: start.attempt,
    retry_of: start.retryOf ?? null,
    history_id: start.historyId ?? null,
    pipeline_run_id: start.pipelineRunId ?? null,
    outcome: 'running',
    started_at: start.startedAt,
    retry_claimed: false,
  };
}

/**
 * The row of a scheduled run that was due at `dueAt` but not started, and
 * why: keyed by its due time, as a run by its start.
 */
export function skippedRunRow(
  skip: JobKey & { containerId: string; dueAt: string; why?: string },
) {
  return {
    entity_ref: skip.entityRef,
    host: skip.host,
    container_id: skip.containerId,
    container_name: skip.containerName,
    trigger: 'schedule',
    actor: null,
    reason: skip.why?.slice(0, 500) ?? null,
    attempt: 1,
    outcome: 'skipped',
    started_at: skip.dueAt,
    retry_claimed: false,
  };
}
