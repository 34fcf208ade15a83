import { Entity, getCompoundEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/frontend-plugin-api';
import { JobSummary } from '@docker-services/backstage-plugin-docker-services-common';
import { dockerServicesApiRef } from '../api/DockerServicesApi';
import { usePages } from './usePages';
import { useRereadList } from './useRereadList';

/** Runs per page of a job's runs table. */
export const RUNS_PER_PAGE = 10;

/**
 * A job's runs, newest first, page by page; the latest page is re-read when
 * `version` changes (a run started or ended: the entity's change signal).
 */
export function useJobRuns(entity: Entity, job: JobSummary, version: number) {
  const api = useApi(dockerServicesApiRef);
  const ref = getCompoundEntityRef(entity);
  const target = { entityRef: ref, host: job.host, id: job.containerId };
  const runs = usePages(
    `${ref.kind}/${ref.namespace}/${ref.name}/${job.host}/${job.containerId}`,
    before =>
      api.listJobRuns(
        target,
        before ? { limit: RUNS_PER_PAGE, before } : { limit: RUNS_PER_PAGE },
      ),
  );
  useRereadList(runs, version, undefined);
  return runs;
}
