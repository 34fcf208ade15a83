import { useEffect, useMemo } from 'react';

const FULL_ID = /^[0-9a-f]{64}$/;

/**
 * `?highlight=<host>/<full container id>`: the container a notification is
 * about (it died, turned unhealthy, came back). Its row is marked and
 * scrolled into view; an id that is not a full one marks nothing.
 */
export function readHighlight(
  search: string,
): { host: string; id: string } | undefined {
  const value = new URLSearchParams(search).get('highlight');
  const slash = value?.lastIndexOf('/') ?? -1;
  if (!value || slash <= 0) return undefined;
  const id = value.slice(slash + 1);
  return FULL_ID.test(id) ? { host: value.slice(0, slash), id } : undefined;
}

/** The container the page's address points at, scrolled into view once shown. */
export function useHighlightedContainer(ready: boolean) {
  // Read as the confirm link is: from the page's own address.
  const search = window.location.search;
  const highlight = useMemo(() => readHighlight(search), [search]);
  useEffect(() => {
    if (!ready || !highlight) return;
    document
      .querySelector('[data-highlighted-container="true"]')
      ?.scrollIntoView?.({ block: 'center' });
  }, [ready, highlight]);
  return highlight;
}
