import { ServiceUnavailableError } from '@backstage/errors';
import { LogLine } from '@docker-services/backstage-plugin-docker-services-common';
import { LogLimits } from '../config';
import { EngineLogOptions } from '../docker/DockerHost';
import { LogDemuxer } from '../logs/LogDemuxer';
import { plainLines } from './plainLines';

/** The most lines one assistant call reads, whatever the portal's tail cap. */
export const MAX_ASSISTANT_LINES = 500;
const MAX_FRAME_BYTES = 1024 * 1024;

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
  const controller = new AbortController();
  let late = false;
  const timer = setTimeout(() => {
    late = true;
    controller.abort();
  }, options.deadlineMs);
  const demuxer = new LogDemuxer({
    tty: options.tty,
    timestamps: true,
    maxLineBytes: options.limits.maxLineBytes,
    maxFrameBytes: MAX_FRAME_BYTES,
  });
  const lines: LogLine[] = [];
  const keep = (events: ReturnType<LogDemuxer['write']>) => {
    for (const event of events) {
      if (!('event' in event)) lines.push(event);
    }
  };
  try {
    const stream = await options.open(
      {
        follow: false,
        stdout: true,
        stderr: true,
        timestamps: true,
        tail,
        ...(options.since ? { since: options.since } : {}),
        ...(options.until ? { until: options.until } : {}),
      },
      controller.signal,
    );
    for await (const chunk of stream as AsyncIterable<Buffer | string>) {
      keep(demuxer.write(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk)));
    }
    keep(demuxer.end());
  } catch (error) {
    if (!late) throw error;
    throw new ServiceUnavailableError(
      `Docker did not send the log within ${Math.ceil(
        options.deadlineMs / 1000,
      )} s. Try again in a moment, or ask for fewer lines.`,
    );
  } finally {
    clearTimeout(timer);
    controller.abort();
  }
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
