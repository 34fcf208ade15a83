import { getCompoundEntityRef, Entity } from '@backstage/catalog-model';
import { useApi } from '@backstage/frontend-plugin-api';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { dockerServicesApiRef } from '../api/DockerServicesApi';

/** The entity's containers, with `retry` to reload them. */
export function useContainers(entity: Entity) {
  const api = useApi(dockerServicesApiRef);
  const ref = getCompoundEntityRef(entity);
  return useAsyncRetry(
    () => api.listContainers(ref),
    [api, ref.kind, ref.namespace, ref.name],
  );
}
