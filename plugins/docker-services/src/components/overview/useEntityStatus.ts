import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/frontend-plugin-api';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { dockerServicesApiRef } from '../../api/DockerServicesApi';
import { useLiveReread } from '../../hooks/useLiveReread';

/**
 * The entity's status in one request (the batched route, with this one
 * ref), re-read when the backend signals a change on the entity's channel
 * (the signal the Services tab listens to) and periodically while the page
 * is visible, as the Services tab. The last answer stays while a re-read
 * runs.
 */
export function useEntityStatus(entity: Entity) {
  const api = useApi(dockerServicesApiRef);
  const entityRef = stringifyEntityRef(entity);
  // Asked afresh each time (not through the table's collector, which
  // keeps answers a few seconds): a re-read on a signal must see the change.
  const state = useAsyncRetry(
    async () =>
      (await api.getEntityStatuses([entityRef])).items.find(
        item => item.entityRef === entityRef,
      ),
    [api, entityRef],
  );
  useLiveReread(entityRef, state);
  return state;
}
