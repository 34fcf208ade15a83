import {
  HistoryEntry,
  HistoryResponse,
} from '@docker-services/backstage-plugin-docker-services-common';

/**
 * When the person who asked at `askedAt` may ask about the same container
 * again: `intervalMs` later, as AskOwners counts it.
 */
export function askAgainAt(askedAt: Date, intervalMs: number): string {
  return new Date(askedAt.getTime() + intervalMs).toISOString();
}

/**
 * A page of history with each ask saying when its asker may ask again, so
 * that the page's words follow the backend's interval rather than a copy
 * of its default.
 */
export function withAskAgainAt(
  page: HistoryResponse,
  intervalMs: number,
): HistoryResponse {
  const items = page.items.map((entry: HistoryEntry) =>
    entry.outcome === 'asked'
      ? {
          ...entry,
          askAgainAt: askAgainAt(new Date(entry.createdAt), intervalMs),
        }
      : entry,
  );
  return { ...page, items };
}
