import { engineMs } from '../database/HistoryStore';
import type { RunRow } from './jobRunRow';

/**
 * How far Docker's stamps on a run's lines may stray from the run's own
 * times: a quick process writes before Docker records its start, and a
 * busy engine stamps lines when it reads them, after the process ended.
 */
export const RUN_LOG_MARGIN_MS = 2000;

/** A Docker time to the millisecond (see engineMs). */
function dockerMs(dockerTime: string): number {
  return engineMs(dockerTime) ?? Date.parse(dockerTime);
}

/**
 * Where one run's lines end and the next one's begin in the container's
 * log: halfway between the end of one and the start of the other, so that
 * a line stamped late (after its run ended) or early (before Docker
 * recorded the start) still falls in its own run.
 */
export function between(earlier: RunRow, later: RunRow): string {
  const end = dockerMs(earlier.finished_at ?? earlier.started_at);
  const start = dockerMs(later.started_at);
  if (start > end) return new Date(end + (start - end) / 2).toISOString();
  // One container runs one process at a time: an end recorded after the
  // next start is not the earlier run's true end (a die heard late, or
  // never). The later run keeps its margin, the earlier one its start.
  const earlierStart = dockerMs(earlier.started_at);
  return new Date(
    Math.max(
      start - RUN_LOG_MARGIN_MS,
      earlierStart + (start - earlierStart) / 2,
    ),
  ).toISOString();
}

export /** A Docker time moved by `ms`. */
function shifted(dockerTime: string, ms: number): string {
  return new Date(dockerMs(dockerTime) + ms).toISOString();
}

/**
 * The Docker times that bound a run's lines, from its neighbours (runs of
 * the same container that were started): from halfway after the previous
 * one (none: its own start less {@link RUN_LOG_MARGIN_MS}) to halfway
 * before the next one (none: its end plus the margin; no end while it runs).
 */
export function runLogWindow(
  row: RunRow,
  previous: RunRow | undefined,
  next: RunRow | undefined,
): { since: string; until?: string } {
  const since = previous
    ? between(previous, row)
    : shifted(row.started_at, -RUN_LOG_MARGIN_MS);
  if (!row.finished_at) return { since };
  return {
    since,
    until: next
      ? between(row, next)
      : shifted(row.finished_at, RUN_LOG_MARGIN_MS),
  };
}
