import { LogLine } from '@docker-services/backstage-plugin-docker-services-common';
import { EngineLogOptions } from '../docker/DockerHost';
import { readLogOnce } from '../logs/readLogOnce';

/** How many lines a diagnosis shows, and how far back it looks for them. */
export const LAST_LINES = 20;
const LOOK_BACK_LINES = 200;
const MAX_LINE_BYTES = 4096;

/**
 * The last lines (stdout and stderr) a container wrote up to `until` (its
 * FinishedAt), or its newest lines without one. Docker keeps one log across
 * restarts, so lines after `until` are dropped by their timestamps too.
 * Rejects when Docker does not answer within `timeoutMs`.
 */
export async function readLastLines(options: {
  open(
    options: EngineLogOptions,
    signal: AbortSignal,
  ): Promise<NodeJS.ReadableStream>;
  tty: boolean;
  until?: string;
  timeoutMs: number;
}): Promise<LogLine[]> {
  const untilMs = options.until ? Date.parse(options.until) : undefined;
  const lines = await readLogOnce({
    open: options.open,
    tty: options.tty,
    tail: LOOK_BACK_LINES,
    ...(untilMs !== undefined
      ? { until: String(Math.ceil(untilMs / 1000) + 1) }
      : {}),
    maxLineBytes: MAX_LINE_BYTES,
    deadlineMs: options.timeoutMs,
  });
  const written =
    untilMs === undefined
      ? lines
      : lines.filter(l => !l.time || Date.parse(l.time) <= untilMs + 1000);
  return written.slice(-LAST_LINES);
}
