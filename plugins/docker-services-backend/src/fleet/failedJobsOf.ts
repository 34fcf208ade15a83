import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { FailedJob } from '@docker-services/backstage-plugin-docker-services-common';
import { JobService } from '../jobs/JobService';

/** A job whose last run failed, with its container's id. */
export type FailedJobOf = FailedJob & { containerId: string };

/**
 * The entity's jobs whose last run (skipped ones aside) failed, newest
 * failure first, read as its Jobs section reads them; only the jobs
 * `wanted` (by host and container name) when given.
 */
export async function failedJobsOf(
  jobs: JobService,
  entity: Entity,
  wanted?: (job: { host: string; name: string }) => boolean,
): Promise<FailedJobOf[]> {
  const { jobs: all } = await jobs.listJobs(entity, stringifyEntityRef(entity));
  return all
    .filter(job => job.lastRun?.outcome === 'failed')
    .filter(
      job => !wanted || wanted({ host: job.host, name: job.containerName }),
    )
    .map(job => ({
      host: job.host,
      name: job.containerName,
      containerId: job.containerId,
      ...(job.lastRun?.finishedAt
        ? { finishedAt: job.lastRun.finishedAt }
        : {}),
      ...(job.lastRun?.exitCode !== undefined
        ? { exitCode: job.lastRun.exitCode }
        : {}),
    }))
    .sort((a, b) => (b.finishedAt ?? '').localeCompare(a.finishedAt ?? ''));
}
