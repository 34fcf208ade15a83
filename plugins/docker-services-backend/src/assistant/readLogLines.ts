import { LogLine } from '@docker-services/backstage-plugin-docker-services-common';
import { LogLimits } from '../config';
import { EngineLogOptions } from '../docker/DockerHost';
import { readLogOnce } from '../logs/readLogOnce';
import { plainLines } from './plainLines';

/** The most lines one assistant call reads, whatever the portal's tail cap. */
export const MAX_ASSISTANT_LINES = 500;

/**
 * The last `lines` lines of a container's log (stdout and stderr, oldest
 * first), between `since` and `until` when given (Docker's UNIX seconds),
 * with control sequences removed. Bounded three ways: by the portal's tail
 * cap, by its line length and response size, and by a deadline after
 * which Docker's request is aborted.
 */
export async function readLogLines(options: {
  open(
    options: EngineLogOptions,
    signal: AbortSignal,
  ): Promise<NodeJS.ReadableStream>;
  tty: boolean;
  lines: number;
  since?: string;
  until?: string;
  limits: Pick<LogLimits, 'maxTail' | 'maxLineBytes' | 'maxResponseBytes'>;
  deadlineMs: number;
}): Promise<{ lines: LogLine[]; notice?: string }> {
  const tail = Math.min(
    options.lines,
    options.limits.maxTail,
    MAX_ASSISTANT_LINES,
  );
  const lines = await readLogOnce({
    open: options.open,
    tty: options.tty,
    tail,
    since: options.since,
    until: options.until,
    maxLineBytes: options.limits.maxLineBytes,
    deadlineMs: options.deadlineMs,
  });
  // Never more than a page's response: the newest lines are kept.
  let bytes = 0;
  let first = lines.length;
  while (first > 0) {
    bytes += Buffer.byteLength(lines[first - 1].line);
    if (bytes > options.limits.maxResponseBytes) break;
    first--;
  }
  const notices = [
    ...(tail < options.lines
      ? [
          `Showing only the last ${tail} lines, the most the portal gives an assistant at once.`,
        ]
      : []),
    ...(first > 0
      ? [
          `Left out the ${first} oldest lines: the rest is as much as the portal returns at once.`,
        ]
      : []),
  ];
  return {
    lines: plainLines(lines.slice(first)),
    ...(notices.length ? { notice: notices.join(' ') } : {}),
  };
}
