import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import {
  MyServicesResponse,
  SwarmServiceSummary,
  WorkloadLevel,
} from '@docker-services/backstage-plugin-docker-services-common';
import type { JobService } from '../jobs/JobService';
import { ContainerService } from '../service/ContainerService';
import {
  countContainers,
  countService,
  levelRank,
  worstLevel,
} from '../status/summarizeStatus';
import { failedJobsOf } from './failedJobsOf';

/**
 * What one of the caller's entities runs, for "My services": its
 * containers, its Swarm services and its jobs whose last run failed, with
 * the worst level among them (`rank` 0 is the worst). Undefined when it
 * runs nothing; a part that cannot be read is left out.
 */
export async function ownedWorkloads(options: {
  entity: Entity;
  containers: ContainerService;
  /** The entity's Swarm services (from the fleet's shared list); none without it. */
  servicesOf?: (entity: Entity) => Promise<SwarmServiceSummary[]>;
  jobs?: JobService;
}): Promise<
  { entity: MyServicesResponse['entities'][number]; rank: number } | undefined
> {
  const { entity } = options;
  const [listed, services] = await Promise.all([
    options.containers.listContainers({ entity }).catch(() => undefined),
    options.servicesOf?.(entity).catch(() => []) ?? [],
  ]);
  const containers = (listed?.hosts ?? []).flatMap(h =>
    h.status === 'ok' ? h.containers : [],
  );
  if (containers.length === 0 && services.length === 0) return undefined;
  // Only an entity with job containers has runs to read.
  const failingJobs =
    options.jobs && containers.some(c => c.job)
      ? await failedJobsOf(options.jobs, entity).catch(() => [])
      : [];
  const counted = countContainers(containers);
  const levels: WorkloadLevel[] = [
    ...(counted ? [counted.level] : []),
    ...services.map(s => countService(s).level),
    ...(failingJobs.length > 0 ? ['failing' as const] : []),
  ];
  const level = levels.length > 0 ? worstLevel(levels) : 'ok';
  return {
    rank: levelRank(level),
    entity: {
      ref: stringifyEntityRef(entity),
      kind: entity.kind,
      namespace: entity.metadata.namespace ?? 'default',
      name: entity.metadata.name,
      ...(entity.metadata.title ? { title: entity.metadata.title } : {}),
      level,
      containers,
      ...(services.length > 0 ? { services } : {}),
      ...(failingJobs.length > 0
        ? {
            failingJobs: failingJobs.map(({ containerId: _, ...job }) => job),
          }
        : {}),
    },
  };
}
