import { Entity } from '@backstage/catalog-model';
import {
  FleetEntity,
  FleetFailedJob,
} from '@docker-services/backstage-plugin-docker-services-common';
import type { JobService } from '../jobs/JobService';
import { mapWithConcurrency } from '../service/concurrency';
import { failedJobsOf } from './failedJobsOf';

/** A job container of the index, bound to one entity. */
export interface JobCandidate {
  host: string;
  /** Its container name. */
  name: string;
  ref: string;
  /** Whether the search matched the container itself (name, image, Compose). */
  matched: boolean;
}

/**
 * The jobs whose last run failed that a fleet search finds: of entities the
 * caller may read only, matched by their container (as containers are) or
 * by their entity's name or title; newest failure first. An entity whose
 * jobs cannot be read (its annotation is written wrong) is left out.
 */
export async function searchFailingJobs(options: {
  q: string;
  jobs: JobService;
  candidates: JobCandidate[];
  readable: Map<string, Entity>;
  entities: Map<string, FleetEntity>;
  concurrency: number;
}): Promise<FleetFailedJob[]> {
  const q = options.q.trim().toLocaleLowerCase('en-US');
  const byEntity = new Map<string, Set<string>>();
  for (const job of options.candidates) {
    const entity = options.entities.get(job.ref);
    if (!entity) continue;
    const entityMatches = [entity.name, entity.title ?? ''].some(t =>
      t.toLocaleLowerCase('en-US').includes(q),
    );
    if (!job.matched && !entityMatches) continue;
    const wanted = byEntity.get(job.ref) ?? new Set<string>();
    wanted.add(`${job.host}/${job.name}`);
    byEntity.set(job.ref, wanted);
  }
  const perEntity = await mapWithConcurrency(
    [...byEntity],
    options.concurrency,
    async ([ref, wanted]) =>
      (
        await failedJobsOf(options.jobs, options.readable.get(ref)!, job =>
          wanted.has(`${job.host}/${job.name}`),
        ).catch(() => [])
      ).map(job => ({ ...job, entity: options.entities.get(ref)! })),
  );
  return perEntity
    .flat()
    .sort((a, b) => (b.finishedAt ?? '').localeCompare(a.finishedAt ?? ''));
}
