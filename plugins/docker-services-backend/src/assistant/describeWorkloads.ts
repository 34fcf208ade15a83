import {
  ContainerListResponse,
  ContainerSummary,
  explainExit,
  JobsResponse,
  SwarmServiceListResponse,
} from '@docker-services/backstage-plugin-docker-services-common';

/**
 * One line per container, Swarm service and job of an entity, in words a
 * person reads (and a model can repeat): what runs, since when, what
 * stopped and why, and which hosts did not answer.
 */
export function describeWorkloads(workloads: {
  containers: ContainerListResponse;
  services: SwarmServiceListResponse;
  jobs: JobsResponse;
}): string[] {
  const lines: string[] = [];
  for (const host of workloads.containers.hosts) {
    if (host.status !== 'ok') {
      lines.push(`Host ${host.name} did not answer: ${host.error}`);
      continue;
    }
    for (const c of host.containers) {
      if (c.job) continue; // said below, with its runs
      lines.push(`${c.name} on ${host.name}: ${describeState(c)}.`);
    }
  }
  for (const host of workloads.services.hosts) {
    if (host.status !== 'ok') continue; // said above: the same host
    for (const s of host.services) {
      lines.push(`Swarm service ${s.name} on ${host.name}: ${s.summary}.`);
    }
  }
  for (const job of workloads.jobs.jobs) {
    const last = job.lastRun
      ? `last run ${job.lastRun.summary} (started ${job.lastRun.startedAt})`
      : 'it has not run yet';
    lines.push(
      `Job ${job.containerName} on ${job.host}: ${
        job.running ? 'running now' : 'not running'
      }; ${last}.`,
    );
  }
  if (lines.length === 0) {
    lines.push(
      'No containers, Swarm services or jobs are bound to this entity.',
    );
  }
  return lines;
}

/** "running since …, healthy", "stopped at … (exit code 137: killed …)". */
export function describeState(c: ContainerSummary): string {
  const health = c.health ? `, ${c.health}` : '';
  switch (c.state) {
    case 'running':
      return `running since ${c.startedAt ?? 'an unknown time'}${health}`;
    case 'exited':
    case 'dead': {
      const exit =
        c.exitCode !== undefined
          ? ` (exit code ${c.exitCode}: ${
              explainExit(c.exitCode, c.oomKilled).meaning
            })`
          : '';
      return `stopped${c.finishedAt ? ` at ${c.finishedAt}` : ''}${exit}`;
    }
    case 'restarting':
      return `restarting again and again (restarted ${
        c.restartCount ?? 0
      } times)`;
    case 'paused':
      return 'paused';
    case 'created':
      return 'created, never started';
    default:
      return c.status || c.state;
  }
}
