import {
  Entity,
  getCompoundEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { useApi } from '@backstage/frontend-plugin-api';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { dockerServicesApiRef } from '../api/DockerServicesApi';
import { useLiveReread } from './useLiveReread';

/**
 * The entity's containers, with `retry` to reload them. When Docker reports
 * a change to a container bound to the entity, the backend pushes a signal
 * on the entity's channel; the list is then re-read at once and `onChange`
 * is called (the page re-reads its history too). The list is also re-read
 * periodically while the page is visible.
 */
export function useContainers(entity: Entity, onChange?: () => void) {
  const api = useApi(dockerServicesApiRef);
  const ref = getCompoundEntityRef(entity);
  const entityRef = stringifyEntityRef(ref);
  const state = useAsyncRetry(
    () => api.listContainers(ref),
    // entityRef stands for ref.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [api, entityRef],
  );
  useLiveReread(entityRef, state, onChange);
  return state;
}
