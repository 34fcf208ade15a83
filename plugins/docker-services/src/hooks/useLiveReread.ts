import { useApiHolder } from '@backstage/frontend-plugin-api';
import { signalApiRef } from '@backstage/plugin-signals-react';
import { entityChannel } from '@docker-services/backstage-plugin-docker-services-common';
import { useEffect, useRef } from 'react';

/** Re-reads without signals, and as a safety net with them. */
const POLL_WITHOUT_SIGNALS_MS = 10_000;
const POLL_WITH_SIGNALS_MS = 30_000;
/** Docker reports a restart as several events; they cause one re-read. */
const SIGNAL_DEBOUNCE_MS = 300;

/**
 * Keeps something read with `useAsyncRetry` live for an entity: re-read
 * when the backend signals a change on the entity's channel (several
 * signals close together cause one re-read, and `onSignal` is called with
 * it), and periodically while the page is visible (less often when signals
 * arrive).
 */
export function useLiveReread(
  entityRef: string,
  state: { retry: () => void; loading: boolean },
  onSignal?: () => void,
) {
  const signalApi = useApiHolder().get(signalApiRef);
  const { retry, loading } = state;
  // retry changes after every load; the subscription must not.
  const latest = useRef({ retry, onSignal });
  latest.current = { retry, onSignal };

  useEffect(() => {
    if (!signalApi) return undefined;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const subscription = signalApi.subscribe(entityChannel(entityRef), () => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        latest.current.retry();
        latest.current.onSignal?.();
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
}
