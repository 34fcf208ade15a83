import { getCompoundEntityRef, Entity } from '@backstage/catalog-model';
import { useApi } from '@backstage/frontend-plugin-api';
import { useEffect } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { dockerServicesApiRef } from '../api/DockerServicesApi';

/** How often the list is re-read while the page is visible. */
export const REFRESH_INTERVAL_MS = 10_000;

/**
 * The entity's containers, with `retry` to reload them. Re-read every 10 s
 * while the page is visible, so states and durations stay current.
 */
export function useContainers(entity: Entity) {
  const api = useApi(dockerServicesApiRef);
  const ref = getCompoundEntityRef(entity);
  const state = useAsyncRetry(
    () => api.listContainers(ref),
    [api, ref.kind, ref.namespace, ref.name],
  );
  const { retry, loading } = state;
  useEffect(() => {
    if (loading) return undefined;
    const timer = setInterval(() => {
      if (document.visibilityState === 'visible') retry();
    }, REFRESH_INTERVAL_MS);
    return () => clearInterval(timer);
  }, [retry, loading]);
  return state;
}
