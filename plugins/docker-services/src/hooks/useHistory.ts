import { Entity, getCompoundEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/frontend-plugin-api';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { dockerServicesApiRef } from '../api/DockerServicesApi';

/** The entity's most recent actions, newest first. */
export function useHistory(entity: Entity, limit = 10) {
  const api = useApi(dockerServicesApiRef);
  const ref = getCompoundEntityRef(entity);
  return useAsyncRetry(
    () => api.getHistory(ref, { limit }),
    [api, ref.kind, ref.namespace, ref.name, limit],
  );
}
