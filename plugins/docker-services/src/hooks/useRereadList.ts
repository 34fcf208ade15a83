import { useEffect } from 'react';

/**
 * Re-reads a list loaded with `useAsyncRetry` when `version` changes (the
 * page bumps it on the entity's change signal, its refresh button and after
 * actions), and every `intervalMs` while the page is visible; not at all
 * without an interval, so that entities without such things cost nothing.
 */
export function useRereadList(
  state: { retry: () => void; loading: boolean },
  version: number,
  intervalMs: number | undefined,
) {
  const { retry, loading } = state;
  useEffect(() => {
    if (version > 0) retry();
    // retry changes identity after every load; version is the trigger.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [version]);

  useEffect(() => {
    if (loading || intervalMs === undefined) return undefined;
    const timer = setInterval(() => {
      if (document.visibilityState === 'visible') retry();
    }, intervalMs);
    return () => clearInterval(timer);
  }, [retry, loading, intervalMs]);
}
