import {
  ContainerCounts,
  ContainerSummary,
  JobCounts,
  JobSummary,
  ServiceStatus,
  SwarmServiceSummary,
  WORKLOAD_LEVELS,
  WorkloadLevel,
} from '@docker-services/backstage-plugin-docker-services-common';

/** 0 for the worst level. */
export function levelRank(level: WorkloadLevel): number {
  return WORKLOAD_LEVELS.indexOf(level);
}

/** The worst of `levels`; `ok` for none. */
export function worstLevel(levels: WorkloadLevel[]): WorkloadLevel {
  return WORKLOAD_LEVELS.find(level => levels.includes(level)) ?? 'ok';
}

/**
 * The entity's containers counted, its jobs apart (a job that is not
 * running is normal); undefined when there are none.
 */
export function countContainers(
  all: ContainerSummary[],
): ContainerCounts | undefined {
  const containers = all.filter(c => !c.job);
  if (containers.length === 0) return undefined;
  const running = containers.filter(c => c.state === 'running');
  const counts = {
    total: containers.length,
    running: running.length,
    healthy: running.filter(c => c.health === 'healthy').length,
    unhealthy: running.filter(c => c.health === 'unhealthy').length,
    healthStarting: running.filter(c => c.health === 'starting').length,
    restarting: containers.filter(c => c.state === 'restarting').length,
    conflicts: containers.filter(c => c.conflict).length,
  };
  return { level: containerLevel(counts), ...counts };
}

function containerLevel(counts: Omit<ContainerCounts, 'level'>) {
  if (counts.running === 0 || counts.unhealthy > 0 || counts.restarting > 0) {
    return 'failing';
  }
  if (
    counts.running < counts.total ||
    counts.healthStarting > 0 ||
    counts.conflicts > 0
  ) {
    return 'degraded';
  }
  return 'ok';
}

/** One Swarm service counted: none of its tasks running is failing. */
export function countService(service: SwarmServiceSummary): ServiceStatus {
  const { runningTasks, desiredTasks } = service;
  const updating =
    service.update?.state === 'updating' ||
    service.update?.state === 'rollback_started';
  let level: WorkloadLevel = 'ok';
  if (desiredTasks > 0 && runningTasks === 0) level = 'failing';
  else if (runningTasks < desiredTasks || updating || service.conflict) {
    level = 'degraded';
  }
  return {
    level,
    host: service.host,
    name: service.name,
    runningTasks,
    desiredTasks,
    updating,
  };
}

/** The entity's jobs counted; undefined when it has none. */
export function countJobs(jobs: JobSummary[]): JobCounts | undefined {
  if (jobs.length === 0) return undefined;
  const failed = jobs
    .filter(job => job.lastRun?.outcome === 'failed')
    .map(job => ({
      host: job.host,
      name: job.containerName,
      ...(job.lastRun?.finishedAt
        ? { finishedAt: job.lastRun.finishedAt }
        : {}),
      ...(job.lastRun?.exitCode !== undefined
        ? { exitCode: job.lastRun.exitCode }
        : {}),
    }))
    .sort((a, b) => (b.finishedAt ?? '').localeCompare(a.finishedAt ?? ''));
  return {
    level: failed.length > 0 ? 'failing' : 'ok',
    total: jobs.length,
    running: jobs.filter(job => job.running).length,
    failed,
  };
}
