import { Entity, getCompoundEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/frontend-plugin-api';
import { SwarmServiceListResponse } from '@docker-services/backstage-plugin-docker-services-common';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { dockerServicesApiRef } from '../api/DockerServicesApi';
import { isSettling } from '../components/swarm/serviceWords';
import { useRereadList } from './useRereadList';

/**
 * Docker sends no events for tasks: while Swarm is still moving a service
 * (a task starting or stopping, an update running), the list is re-read
 * often; otherwise as rarely as the containers' safety net.
 */
export const POLL_WHILE_SETTLING_MS = 10_000;
export const POLL_WHEN_SETTLED_MS = 30_000;

/**
 * How often to re-read the list: not at all for an entity with no Swarm
 * services (most entities), so that they cost nothing more.
 */
export function pollInterval(
  list: SwarmServiceListResponse | undefined,
): number | undefined {
  if (!list || list.hosts.length === 0) return undefined;
  return isSettling(list) ? POLL_WHILE_SETTLING_MS : POLL_WHEN_SETTLED_MS;
}

/**
 * The entity's Swarm services, re-read when `version` changes (the page
 * bumps it on the entity's change signal, its refresh button and after
 * actions) and polled while the page is visible (see {@link pollInterval}).
 */
export function useSwarmServices(entity: Entity, version: number) {
  const api = useApi(dockerServicesApiRef);
  const ref = getCompoundEntityRef(entity);
  const state = useAsyncRetry(
    () => api.listSwarmServices(ref),
    [api, ref.kind, ref.namespace, ref.name],
  );
  useRereadList(state, version, pollInterval(state.value));
  return state;
}
