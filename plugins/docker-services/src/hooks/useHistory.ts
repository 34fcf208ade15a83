import {
  Entity,
  getCompoundEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { useApi } from '@backstage/frontend-plugin-api';
import { dockerServicesApiRef } from '../api/DockerServicesApi';
import { usePages } from './usePages';

/**
 * The entity's actions, newest first: the latest page, reloaded by `retry`,
 * and older pages appended by `loadOlder`.
 */
export function useHistory(entity: Entity, limit = 10) {
  const api = useApi(dockerServicesApiRef);
  const ref = getCompoundEntityRef(entity);
  return usePages(`${stringifyEntityRef(ref)}/${limit}`, before =>
    api.getHistory(ref, before ? { limit, before } : { limit }),
  );
}
