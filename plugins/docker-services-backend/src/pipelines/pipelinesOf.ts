import { ContainerListResponse } from '@docker-services/backstage-plugin-docker-services-common';
import { findPipelines, JobNode, Pipeline } from './pipelineGraph';

/** The pipelines of a listing, per host that answered. */
export function pipelinesOf(
  listed: ContainerListResponse,
): Array<[string, Pipeline]> {
  return listed.hosts.flatMap(host => {
    if (host.status !== 'ok') return [];
    const jobs: JobNode[] = host.containers
      .filter(c => c.job && !c.conflict)
      .map(c => ({
        name: c.name,
        containerId: c.id,
        after: c.job!.after ?? [],
      }));
    return findPipelines(jobs, host.name).map(
      p => [host.name, p] as [string, Pipeline],
    );
  });
}
