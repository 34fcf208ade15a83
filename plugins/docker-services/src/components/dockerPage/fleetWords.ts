import {
  explainExit,
  FailedJob,
  FleetTask,
} from '@docker-services/backstage-plugin-docker-services-common';
import { formatDuration } from '../describeState';

const counted = (n: number, one: string, many: string) =>
  `${n} ${n === 1 ? one : many}`;

/**
 * What a search found, in one sentence: "1 container and 1 Swarm service
 * matching “api”." Kinds found none of are left out, unless nothing was
 * found at all.
 */
export function resultsSentence(options: {
  containers: number;
  services: number;
  failingJobs: number;
  q: string;
  truncated: boolean;
}): string {
  const { q, truncated } = options;
  const what = q ? ` matching “${q}”` : '';
  const parts = [
    options.containers > 0 || (!options.services && !options.failingJobs)
      ? counted(options.containers, 'container', 'containers')
      : '',
    options.services > 0
      ? counted(options.services, 'Swarm service', 'Swarm services')
      : '',
    options.failingJobs > 0
      ? counted(options.failingJobs, 'failing job', 'failing jobs')
      : '',
  ].filter(Boolean);
  if (parts.length === 1 && parts[0].startsWith('0 ')) {
    return `Nothing${what} among what you have access to.`;
  }
  const list =
    parts.length > 1
      ? `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`
      : parts[0];
  return truncated
    ? `Showing the first ${list}${what}; more match, narrow the search.`
    : `${list}${what}.`;
}

/** "demo-shop_api.2 running on vm for 6 minutes", its explanation as Swarm tells it. */
export function taskLine(task: FleetTask): string {
  return `${task.name}: ${task.explanation}`;
}

/**
 * "Last run failed 2 hours ago (exit code 3: the program reported an
 * error)"; without the time or code when they are not known.
 */
export function failedJobWords(job: FailedJob, now: Date): string {
  const ago = job.finishedAt
    ? ` ${formatDuration(now, job.finishedAt)} ago`
    : '';
  const code =
    job.exitCode !== undefined
      ? ` (exit code ${job.exitCode}: ${explainExit(job.exitCode).meaning})`
      : '';
  return `Last run failed${ago}${code}`;
}
