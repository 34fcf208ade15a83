import { LogLine } from '@docker-services/backstage-plugin-docker-services-common';
import { EngineLogOptions } from '../docker/DockerHost';
import { LogDemuxer } from '../logs/LogDemuxer';

/** How many lines a diagnosis shows, and how far back it looks for them. */
export const LAST_LINES = 20;
const LOOK_BACK_LINES = 200;
const MAX_LINE_BYTES = 4096;
const MAX_FRAME_BYTES = 1024 * 1024;

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
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), options.timeoutMs);
  const untilMs = options.until ? Date.parse(options.until) : undefined;
  const demuxer = new LogDemuxer({
    tty: options.tty,
    timestamps: true,
    maxLineBytes: MAX_LINE_BYTES,
    maxFrameBytes: MAX_FRAME_BYTES,
  });
  const lines: LogLine[] = [];
  const keep = (events: ReturnType<LogDemuxer['write']>) => {
    for (const event of events) {
      if ('event' in event) continue;
      if (untilMs !== undefined && event.time) {
        if (Date.parse(event.time) > untilMs + 1000) continue;
      }
      lines.push(event);
      if (lines.length > LAST_LINES) lines.shift();
    }
  };
  try {
    const stream = await options.open(
      {
        follow: false,
        stdout: true,
        stderr: true,
        timestamps: true,
        tail: LOOK_BACK_LINES,
        ...(untilMs !== undefined
          ? { until: String(Math.ceil(untilMs / 1000) + 1) }
          : {}),
      },
      controller.signal,
    );
    for await (const chunk of stream as AsyncIterable<Buffer | string>) {
      keep(demuxer.write(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk)));
    }
    keep(demuxer.end());
    return lines;
  } finally {
    clearTimeout(timer);
    controller.abort();
  }
}
