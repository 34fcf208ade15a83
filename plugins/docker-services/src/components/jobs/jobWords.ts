import { parseEntityRef } from '@backstage/catalog-model';
import { humanizeEntityRef } from '@backstage/plugin-catalog-react';
import {
  JobRun,
  JobSummary,
} from '@docker-services/backstage-plugin-docker-services-common';
import { formatAge } from '../dockerPage/formatAge';
import { formatDuration } from '../describeState';
import { Tone } from '../ToneLabel';

// A job, its runs and its schedule in words for people who know Airflow or
// cron, not necessarily Docker.

function capitalize(text: string): string {
  return text.charAt(0).toLocaleUpperCase('en-US') + text.slice(1);
}

/** "14:05": a time of today or tomorrow, in the browser's time zone. */
export function clockTime(iso: string): string {
  const time = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(time.getHours())}:${pad(time.getMinutes())}`;
}

function secondsBetween(from: string, to: Date): number {
  return (to.getTime() - Date.parse(from)) / 1000;
}

/** "alice", "the schedule", "a retry", "outside the portal". */
export function startedByWords(run: JobRun): string {
  switch (run.trigger) {
    case 'schedule':
      return 'the schedule';
    case 'retry':
      return 'a retry';
    case 'pipeline':
      return 'its pipeline';
    case 'outside':
      return 'outside the portal';
    default:
      return run.actor
        ? humanizeEntityRef(parseEntityRef(run.actor), { defaultKind: 'user' })
        : 'someone in the portal';
  }
}

/** "started by alice", "started as a retry", "started outside the portal". */
function startedPhrase(run: JobRun): string {
  if (run.trigger === 'outside') return 'started outside the portal';
  if (run.trigger === 'retry') return 'started as a retry';
  return `started by ${startedByWords(run)}`;
}

export function runTone(run: JobRun): Tone {
  switch (run.outcome) {
    case 'running':
      return 'pending';
    case 'succeeded':
      return 'ok';
    case 'failed':
      return 'error';
    case 'skipped':
      return 'warning';
    default:
      return 'ended';
  }
}

/**
 * "Last run: failed after 4 min with code 3 (…), 2 hours ago", "Running
 * for 12 s (started by alice)", "No run recorded yet".
 */
export function lastRunSentence(job: JobSummary, now = new Date()): string {
  const run = job.lastRun;
  if (!run) return 'No run recorded yet';
  if (run.outcome === 'running') {
    const age = formatAge(secondsBetween(run.startedAt, now));
    return `Running for ${age} (${startedPhrase(run)})`;
  }
  const ago = formatDuration(now, run.finishedAt ?? run.startedAt);
  const retry = run.retryAt ? `; retry at ${clockTime(run.retryAt)}` : '';
  return `Last run: ${run.summary}, ${ago} ago${retry}`;
}

/**
 * "Runs every day at 02:00 (Europe/Berlin) · next run in 5 hours",
 * "Schedule paused (…)", "No schedule", or why no schedule runs on the host.
 */
export function scheduleSentence(job: JobSummary, now = new Date()): string {
  const { schedule } = job;
  const when = schedule && `${schedule.description} (${schedule.timeZone})`;
  if (!job.schedulesEnabled) {
    const off = `Schedules are off on host ${job.host} (the portal's configuration)`;
    return when ? `${off}, so it does not run ${when}` : off;
  }
  if (!schedule) return 'No schedule';
  if (schedule.paused) return `Schedule paused (${when})`;
  const next = schedule.nextRunAt
    ? ` · next run in ${formatDuration(
        new Date(schedule.nextRunAt),
        now.toISOString(),
      )}`
    : '';
  return `Runs ${when}${next}`;
}

/** "Retries a failed run 2 times, 30 s apart", or nothing without retries. */
export function retriesSentence(job: JobSummary): string | undefined {
  const { count, delaySeconds } = job.retries;
  if (count <= 0) return undefined;
  const delay = formatAge(delaySeconds);
  return count === 1
    ? `Retries a failed run once, ${delay} later`
    : `Retries a failed run ${count} times, ${delay} apart`;
}

/**
 * "#11", or for a retry "#13: retry 1 of run #11": the first run is found
 * by following `retryOf` through the loaded runs; when it is not loaded,
 * "#13: retry 2, after run #12" (the run it retried).
 */
export function runNumberWords(run: JobRun, runs: JobRun[]): string {
  if (run.attempt <= 1) return `#${run.id}`;
  const retry = `#${run.id}: retry ${run.attempt - 1}`;
  let first: JobRun | undefined = run;
  while (first && first.attempt > 1) {
    const retried: number | undefined = first.retryOf;
    first = runs.find(r => r.id === retried);
  }
  if (first) return `${retry} of run #${first.id}`;
  return run.retryOf ? `${retry}, after run #${run.retryOf}` : retry;
}

/** How long a run took, or has taken so far; nothing for a skipped run. */
export function runDurationWords(run: JobRun, now = new Date()): string {
  if (run.outcome === 'skipped') return '—';
  if (run.durationMs !== undefined) return formatAge(run.durationMs / 1000);
  if (run.outcome === 'running')
    return `${formatAge(secondsBetween(run.startedAt, now))} so far`;
  return '—';
}

/**
 * "Failed after 4 min with code 3 (…); retry at 14:05", "Not started: the
 * previous run was still running".
 */
export function runOutcomeWords(run: JobRun): string {
  // Why it was skipped: the previous run, or its pipeline, still running.
  if (run.outcome === 'skipped') return capitalize(run.summary);
  const retry = run.retryAt ? `; retry at ${clockTime(run.retryAt)}` : '';
  return `${capitalize(run.summary)}${retry}`;
}
