import {
  Entity,
  getCompoundEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { useApi, useApiHolder } from '@backstage/frontend-plugin-api';
import { signalApiRef } from '@backstage/plugin-signals-react';
import { entityChannel } from '@docker-services/backstage-plugin-docker-services-common';
import { useEffect, useRef } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { dockerServicesApiRef } from '../api/DockerServicesApi';

/** Re-reads without signals, and as a safety net with them. */
const POLL_WITHOUT_SIGNALS_MS = 10_000;
const POLL_WITH_SIGNALS_MS = 30_000;
/** Docker reports a restart as several events; they cause one re-read. */
const SIGNAL_DEBOUNCE_MS = 300;

/**
 * The entity's containers, with `retry` to reload them. When Docker reports
 * a change to a container bound to the entity, the backend pushes a signal
 * on the entity's channel; the list is then re-read at once and `onChange`
 * is called (the page re-reads its history too). The list is also re-read
 * periodically while the page is visible.
 */
export function useContainers(entity: Entity, onChange?: () => void) {
  const api = useApi(dockerServicesApiRef);
  const signalApi = useApiHolder().get(signalApiRef);
  const ref = getCompoundEntityRef(entity);
  const entityRef = stringifyEntityRef(ref);
  const state = useAsyncRetry(
    () => api.listContainers(ref),
    // entityRef stands for ref.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [api, entityRef],
  );
  const { retry, loading } = state;
  // retry changes after every load; the subscription must not.
  const latest = useRef({ retry, onChange });
  latest.current = { retry, onChange };

  useEffect(() => {
    if (!signalApi) return undefined;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const subscription = signalApi.subscribe(entityChannel(entityRef), () => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        latest.current.retry();
        latest.current.onChange?.();
      }, SIGNAL_DEBOUNCE_MS);
    });
    return () => {
      clearTimeout(timer);
      subscription.unsubscribe();
    };
  }, [signalApi, entityRef]);

  useEffect(() => {
    if (loading) return undefined;
    const timer = setInterval(
      () => {
        if (document.visibilityState === 'visible') retry();
      },
      signalApi ? POLL_WITH_SIGNALS_MS : POLL_WITHOUT_SIGNALS_MS,
    );
    return () => clearInterval(timer);
  }, [retry, loading, signalApi]);

  return state;
}
