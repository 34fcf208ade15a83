import { formatDuration } from '../describeState';
import { useNow } from './NowProvider';

/**
 * "5 minutes ago", kept current by the page's clock; the exact time in
 * words on hover and for machines (`dateTime`).
 */
export function Ago({ iso }: { iso: string }) {
  const now = useNow();
  return (
    <time dateTime={iso} title={formatDateTime(iso)}>
      {formatDuration(now, iso)} ago
    </time>
  );
}

/**
 * A moment as a reader says it, in their locale and time zone: "5 Dec
 * 2026, 10:04:31". Docker's nanosecond RFC 3339 times read as such too.
 */
export function formatDateTime(iso: string): string {
  const time = Date.parse(iso);
  if (Number.isNaN(time)) return iso;
  return new Date(time).toLocaleString(undefined, {
    dateStyle: 'medium',
    timeStyle: 'medium',
  });
}
