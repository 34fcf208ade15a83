import { ServiceUnavailableError } from '@backstage/errors';
import { LogLine } from '@docker-services/backstage-plugin-docker-services-common';
import { EngineLogOptions } from '../docker/DockerHost';
import { LogDemuxer } from './LogDemuxer';

const MAX_FRAME_BYTES = 1024 * 1024;

/**
 * The last `tail` lines of a container's log, read once (not followed):
 * stdout and stderr, oldest first, each with Docker's time, between `since`
 * and `until` when given (Docker's UNIX seconds). Docker's request is
 * aborted when done, or at `deadlineMs`, which is a 503 in words.
 */
export async function readLogOnce(options: {
  open(
    options: EngineLogOptions,
    signal: AbortSignal,
  ): Promise<NodeJS.ReadableStream>;
  tty: boolean;
  tail: number;
  since?: string;
  until?: string;
  maxLineBytes: number;
  deadlineMs: number;
}): Promise<LogLine[]> {
  const controller = new AbortController();
  let late = false;
  const timer = setTimeout(() => {
    late = true;
    controller.abort();
  }, options.deadlineMs);
  const demuxer = new LogDemuxer({
    tty: options.tty,
    timestamps: true,
    maxLineBytes: options.maxLineBytes,
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
        tail: options.tail,
        ...(options.since ? { since: options.since } : {}),
        ...(options.until ? { until: options.until } : {}),
      },
      controller.signal,
    );
    for await (const chunk of stream as AsyncIterable<Buffer | string>) {
      keep(demuxer.write(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk)));
    }
    keep(demuxer.end());
    return lines;
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
}
