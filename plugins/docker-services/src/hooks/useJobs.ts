import { Entity, getCompoundEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/frontend-plugin-api';
import { JobsResponse } from '@docker-services/backstage-plugin-docker-services-common';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { dockerServicesApiRef } from '../api/DockerServicesApi';
import { useRereadList } from './useRereadList';

/**
 * A run's start and end reach the page as the entity's change signal; the
 * polls keep "running for" and "next run in" current, more often while a
 * run is running.
 */
export const POLL_WHILE_RUNNING_MS = 10_000;
export const POLL_WHEN_IDLE_MS = 60_000;

/** Not at all for an entity without jobs (most entities). */
export function jobsPollInterval(
  list: JobsResponse | undefined,
): number | undefined {
  if (!list || list.jobs.length === 0) return undefined;
  return list.jobs.some(job => job.running)
    ? POLL_WHILE_RUNNING_MS
    : POLL_WHEN_IDLE_MS;
}

/**
 * The entity's jobs, re-read when `version` changes (the entity's change
 * signal, the refresh button, after actions) and polled while the page is
 * visible (see {@link jobsPollInterval}).
 */
export function useJobs(entity: Entity, version: number) {
  const api = useApi(dockerServicesApiRef);
  const ref = getCompoundEntityRef(entity);
  const state = useAsyncRetry(
    () => api.listJobs(ref),
    [api, ref.kind, ref.namespace, ref.name],
  );
  useRereadList(state, version, jobsPollInterval(state.value));
  return state;
}
