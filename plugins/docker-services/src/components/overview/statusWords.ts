import {
  ContainerCounts,
  EntityStatus,
  JobCounts,
  ServiceStatus,
  WORKLOAD_LEVELS,
  WorkloadLevel,
} from '@docker-services/backstage-plugin-docker-services-common';
import { formatDuration } from '../describeState';
import { Tone } from '../ToneLabel';

/** One line of an entity's status, in words, with how bad it is. */
export interface StatusLine {
  level: WorkloadLevel;
  text: string;
  /** The same, shorter, for a table cell: "2 of 3 running", "Job failed 2 hours ago". */
  short: string;
}

const plural = (n: number, word: string) => `${word}${n === 1 ? '' : 's'}`;

/** "2 of 2 containers running, healthy", "1 of 3 containers running, 1 unhealthy". */
export function containersLine(c: ContainerCounts): string {
  const extras: string[] = [];
  if (c.unhealthy > 0) extras.push(`${c.unhealthy} unhealthy`);
  if (c.restarting > 0) extras.push(`${c.restarting} restarting`);
  if (c.healthStarting > 0) extras.push(`${c.healthStarting} starting up`);
  if (extras.length === 0 && c.running > 0 && c.healthy === c.running) {
    extras.push('healthy');
  }
  if (c.conflicts > 0) {
    extras.push(`${c.conflicts} bound to more than one entity`);
  }
  const base = `${c.running} of ${c.total} ${plural(
    c.total,
    'container',
  )} running`;
  return [base, ...extras].join(', ');
}

/** "3 of 3 tasks of demo-shop_api running", ", being updated" while it is. */
export function serviceLine(s: ServiceStatus): string {
  const base = `${s.runningTasks} of ${s.desiredTasks} ${plural(
    s.desiredTasks,
    'task',
  )} of ${s.name} running`;
  return s.updating ? `${base}, being updated` : base;
}

/** One line per job whose last run failed; else one line for all jobs. */
export function jobLines(jobs: JobCounts, now: Date): StatusLine[] {
  if (jobs.failed.length > 0) {
    return jobs.failed.map(job => {
      const ago = job.finishedAt
        ? ` ${formatDuration(now, job.finishedAt)} ago`
        : '';
      return {
        level: 'failing',
        text: ago
          ? `${job.name} failed${ago}`
          : `${job.name} failed on its last run`,
        short: `Job failed${ago}`,
      };
    });
  }
  const running = jobs.running > 0 ? `, ${jobs.running} running now` : '';
  const text =
    jobs.total === 1
      ? `1 job${running}, its last run did not fail`
      : `${jobs.total} jobs${running}, none failed on its last run`;
  return [
    {
      level: 'ok',
      text,
      short: `${jobs.total} ${plural(jobs.total, 'job')}, none failed`,
    },
  ];
}

/**
 * An entity's status as lines a person reads, the worst first: its
 * containers, each Swarm service, its jobs, hosts that did not answer.
 */
export function statusLines(status: EntityStatus, now: Date): StatusLine[] {
  const lines: StatusLine[] = [];
  if (status.problem) {
    lines.push({
      level: 'degraded',
      text: status.problem,
      short: 'Annotation not valid',
    });
  }
  const c = status.containers;
  if (c) {
    const trouble = [
      ...(c.unhealthy > 0 ? [`${c.unhealthy} unhealthy`] : []),
      ...(c.restarting > 0 ? [`${c.restarting} restarting`] : []),
    ];
    lines.push({
      level: c.level,
      text: containersLine(c),
      short: [`${c.running} of ${c.total} running`, ...trouble].join(', '),
    });
  }
  for (const s of status.services) {
    lines.push({
      level: s.level,
      text: serviceLine(s),
      short: `${s.runningTasks} of ${s.desiredTasks} ${plural(
        s.desiredTasks,
        'task',
      )} running${s.updating ? ', updating' : ''}`,
    });
  }
  if (status.jobs) lines.push(...jobLines(status.jobs, now));
  for (const host of status.unavailableHosts) {
    lines.push({
      level: 'unknown',
      text: `Docker host ${host.name} is not answering: what runs there is not counted`,
      short: `Host ${host.name} not answering`,
    });
  }
  const rank = (line: StatusLine) => WORKLOAD_LEVELS.indexOf(line.level);
  return lines
    .map((line, i) => ({ line, i }))
    .sort((a, b) => rank(a.line) - rank(b.line) || a.i - b.i)
    .map(({ line }) => line);
}

/** How a level looks beside its words. */
export function toneOfLevel(level: WorkloadLevel): Tone {
  switch (level) {
    case 'failing':
      return 'error';
    case 'degraded':
      return 'warning';
    case 'unknown':
      return 'ended';
    default:
      return 'ok';
  }
}
