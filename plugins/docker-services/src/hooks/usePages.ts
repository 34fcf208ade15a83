import { useCallback, useMemo, useRef, useState } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';

/** A page of a newest-first list, as the backend pages it. */
export interface Page<T> {
  items: T[];
  /** Pass as `before` for the next (older) page; absent on the last page. */
  nextBefore?: number;
}

/**
 * A newest-first list read page by page: the latest page, read again by
 * `retry` (which drops the older pages), and older pages appended by
 * `loadOlder`. `key` names the list: another key reads it anew.
 */
export function usePages<T>(
  key: string,
  loadPage: (before?: number) => Promise<Page<T>>,
) {
  // The loader is made anew on each render; the key says when it changed.
  const load = useRef(loadPage);
  load.current = loadPage;
  const [older, setOlder] = useState<Page<T>>();
  const latest = useAsyncRetry(async () => {
    setOlder(undefined);
    return load.current();
  }, [key]);

  const nextBefore = older ? older.nextBefore : latest.value?.nextBefore;
  const loadOlder = useCallback(async () => {
    if (!nextBefore) return;
    const page = await load.current(nextBefore);
    setOlder(previous => ({
      items: [...(previous?.items ?? []), ...page.items],
      nextBefore: page.nextBefore,
    }));
  }, [nextBefore]);

  // The same array until a page is read: memoised lists and rows keep it.
  const items = useMemo(
    () =>
      latest.value
        ? [...latest.value.items, ...(older?.items ?? [])]
        : undefined,
    [latest.value, older],
  );

  return {
    items,
    loading: latest.loading,
    error: latest.error,
    retry: latest.retry,
    hasOlder: Boolean(nextBefore),
    loadOlder,
  };
}
