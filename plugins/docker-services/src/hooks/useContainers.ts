import { Entity, getCompoundEntityRef } from '@backstage/catalog-model';
import { useApi, useApiHolder } from '@backstage/frontend-plugin-api';
import { signalApiRef } from '@backstage/plugin-signals-react';
import { containerChannel } from '@internal/backstage-plugin-docker-services-common';
import { useEffect, useMemo } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { dockerServicesApiRef } from '../api/DockerServicesApi';

/** Re-reads without signals, and as a safety net with them. */
const POLL_WITHOUT_SIGNALS_MS = 10_000;
const POLL_WITH_SIGNALS_MS = 30_000;
/** Docker reports a restart as several events; they cause one re-read. */
const SIGNAL_DEBOUNCE_MS = 300;

/**
 * The entity's containers, with `retry` to reload them. When Docker reports
 * a change to one of them, the backend pushes a signal and the list is
 * re-read at once; it is also re-read periodically while the page is visible.
 */
export function useContainers(entity: Entity) {
  const api = useApi(dockerServicesApiRef);
  const signalApi = useApiHolder().get(signalApiRef);
  const ref = getCompoundEntityRef(entity);
  const state = useAsyncRetry(
    () => api.listContainers(ref),
    [api, ref.kind, ref.namespace, ref.name],
  );
  const { retry, loading, value } = state;

  const channels = useMemo(
    () =>
      (value?.hosts ?? []).flatMap(host =>
        host.status === 'ok'
          ? host.containers.map(c => containerChannel(c.host, c.id))
          : [],
      ),
    [value],
  );
  const channelKey = channels.join(',');

  useEffect(() => {
    if (!signalApi || channels.length === 0) return undefined;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const onChange = () => {
      clearTimeout(timer);
      timer = setTimeout(retry, SIGNAL_DEBOUNCE_MS);
    };
    const subscriptions = channels.map(channel =>
      signalApi.subscribe(channel, onChange),
    );
    return () => {
      clearTimeout(timer);
      subscriptions.forEach(s => s.unsubscribe());
    };
    // channelKey stands for channels.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [signalApi, channelKey, retry]);

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
