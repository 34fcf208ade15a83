import {
  explainExit,
  JobRun,
  JobRunOutcome,
  JobRunTrigger,
} from '@docker-services/backstage-plugin-docker-services-common';
import type { RunRow } from './jobRunRow';

/** A row of the runs table on the wire, with the run in words. */
export function toRun(row: RunRow, now = new Date()): JobRun {
  const outcome = row.outcome as JobRunOutcome;
  const started = Date.parse(row.started_at);
  const finished = row.finished_at ? Date.parse(row.finished_at) : undefined;
  const durationMs =
    outcome === 'skipped'
      ? undefined
      : Math.max(0, (finished ?? now.getTime()) - started);
  const exitCode =
    row.exit_code === null || row.exit_code === undefined
      ? undefined
      : Number(row.exit_code);
  const oomKilled =
    row.oom_killed === null || row.oom_killed === undefined
      ? undefined
      : Boolean(row.oom_killed);
  const retryPending = row.retry_at && !row.retry_claimed;
  return {
    id: Number(row.id),
    entityRef: row.entity_ref,
    host: row.host,
    containerId: row.container_id,
    containerName: row.container_name,
    trigger: row.trigger as JobRunTrigger,
    ...(row.actor ? { actor: row.actor } : {}),
    ...(row.reason ? { reason: row.reason } : {}),
    attempt: Number(row.attempt),
    ...(row.retry_of !== null && row.retry_of !== undefined
      ? { retryOf: Number(row.retry_of) }
      : {}),
    outcome,
    startedAt: new Date(started).toISOString(),
    ...(finished !== undefined
      ? { finishedAt: new Date(finished).toISOString() }
      : {}),
    ...(durationMs !== undefined ? { durationMs } : {}),
    ...(exitCode !== undefined ? { exitCode } : {}),
    ...(oomKilled !== undefined ? { oomKilled } : {}),
    summary:
      outcome === 'skipped' && row.reason
        ? `not started: ${row.reason.replace(/^([A-Z])(?=[a-z])/, c =>
            c.toLowerCase(),
          )}`
        : summarize(outcome, durationMs, exitCode, oomKilled),
    ...(retryPending ? { retryAt: row.retry_at! } : {}),
    ...(row.pipeline_run_id !== null && row.pipeline_run_id !== undefined
      ? { pipelineRunId: Number(row.pipeline_run_id) }
      : {}),
  };
}

/** The run in words, without its time: the tab adds "2 hours ago". */
function summarize(
  outcome: JobRunOutcome,
  durationMs: number | undefined,
  exitCode: number | undefined,
  oomKilled: boolean | undefined,
): string {
  const took = formatRunDuration(durationMs ?? 0);
  switch (outcome) {
    case 'running':
      return `running for ${took}`;
    case 'succeeded':
      return `succeeded after ${took}`;
    case 'stopped':
      return `stopped from the portal after ${took}`;
    case 'skipped':
      return 'not started: the previous run was still running';
    default:
      if (oomKilled) {
        return `failed after ${took}: killed because it ran out of memory`;
      }
      return `failed after ${took} with code ${exitCode ?? '?'} (${
        explainExit(exitCode ?? 1, oomKilled).meaning
      })`;
  }
}

/** "less than a second", "12 s", "4 min", "1 h 5 min". */
export function formatRunDuration(ms: number): string {
  if (ms < 1000) return 'less than a second';
  const seconds = Math.round(ms / 1000);
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  return minutes % 60 ? `${hours} h ${minutes % 60} min` : `${hours} h`;
}
