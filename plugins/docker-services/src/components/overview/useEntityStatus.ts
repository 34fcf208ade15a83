import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { useApi, useApiHolder } from '@backstage/frontend-plugin-api';
import { signalApiRef } from '@backstage/plugin-signals-react';
import { entityChannel } from '@docker-services/backstage-plugin-docker-services-common';
import { useEffect, useRef } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { dockerServicesApiRef } from '../../api/DockerServicesApi';

/** As the Services tab: re-read without signals, and as a safety net with them. */
const POLL_WITHOUT_SIGNALS_MS = 10_000;
const POLL_WITH_SIGNALS_MS = 30_000;
/** Docker reports a restart as several events; they cause one re-read. */
const SIGNAL_DEBOUNCE_MS = 300;

/**
 * The entity's status in one request (the batched route, with this one
 * ref), re-read when the backend signals a change on the entity's channel
 * (the signal the Services tab listens to) and periodically while the page
 * is visible. The last answer stays while a re-read runs.
 */
export function useEntityStatus(entity: Entity) {
  const api = useApi(dockerServicesApiRef);
  const signalApi = useApiHolder().get(signalApiRef);
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
  const { retry, loading } = state;
  // retry changes after every load; the subscription must not.
  const latestRetry = useRef(retry);
  latestRetry.current = retry;

  useEffect(() => {
    if (!signalApi) return undefined;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const subscription = signalApi.subscribe(entityChannel(entityRef), () => {
      clearTimeout(timer);
      timer = setTimeout(() => latestRetry.current(), SIGNAL_DEBOUNCE_MS);
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
