import { LoggerService } from '@backstage/backend-plugin-api';
import { LogLine } from '@docker-services/backstage-plugin-docker-services-common';
import { LogLimits } from '../config';
import { EngineWatch } from './EngineWatch';
import { DemuxEvent, LogDemuxer } from './LogDemuxer';
import { LogMerger, MergeSource } from './LogMerger';
import { LogFormat, LogResponseWriter, LogSink } from './LogResponseWriter';

const MAX_FRAME_BYTES = 1024 * 1024;
/** While following, how long a line waits for a quiet container's lines. */
export const FOLLOW_WINDOW_MS = 500;

/** One container of a merged log, its Docker stream not yet opened. */
export interface MergedContainer {
  name: string;
  host: string;
  tty: boolean;
  open(): Promise<NodeJS.ReadableStream>;
}

/**
 * Writes the logs of several containers as one, merged by Docker's
 * timestamps, each line naming its container; with the same byte cap,
 * heartbeat and engine watch as one container's log. A container whose log
 * ends (it stopped) or breaks is said in a notice; the others go on.
 */
export async function streamMergedLogs(options: {
  res: LogSink & { end(): unknown };
  containers: MergedContainer[];
  /** Ends every Docker request. */
  abort: () => void;
  /** A cheap allow-listed call to each engine, asked while all is silent. */
  checkEngines: () => Promise<unknown>;
  follow: boolean;
  /** Whether a text download shows each line's time. */
  timestamps: boolean;
  format: LogFormat;
  notices: string[];
  /** Said when a container gave this many lines: its tail was cut. */
  capNotice?: { lines: number; message: string };
  limits: LogLimits;
  logger: LoggerService;
}): Promise<void> {
  const { res, containers, follow, limits, logger } = options;
  const writer = new LogResponseWriter({
    sink: res,
    format: options.format,
    maxBytes: limits.maxResponseBytes,
    logger,
  });
  const linesPerContainer = containers.map(() => 0);
  let capDecided = !options.capNotice;
  const decideCap = () => {
    if (capDecided) return;
    capDecided = true;
    if (linesPerContainer.some(n => n >= options.capNotice!.lines)) {
      writer.control({ event: 'notice', message: options.capNotice!.message });
    }
  };
  let engineGone = false;
  const stalledSeconds = limits.stalledFollowSeconds;
  const watch = new EngineWatch({
    check: options.checkEngines,
    heartbeatMs: limits.heartbeatSeconds * 1000,
    stalledMs: stalledSeconds * 1000,
    lastWriteAt: () => writer.lastWriteAt,
    events: {
      heartbeat: () => {
        if (follow) writer.control({ event: 'heartbeat' });
      },
      firstLull: () => {
        if (follow) decideCap();
      },
      engineSilent: () =>
        writer.control({
          event: 'notice',
          message: `Docker stopped answering. New lines will show if it recovers; the log stops after ${stalledSeconds} seconds without an answer.`,
        }),
      engineBack: () =>
        writer.control({ event: 'notice', message: 'Docker answers again.' }),
      engineGone: () => {
        engineGone = true;
        options.abort();
      },
    },
  });
  const sources = containers.map(c => containerSource(c, limits, watch));
  const merger = new LogMerger({
    sources,
    windowMs: follow ? FOLLOW_WINDOW_MS : undefined,
  });
  const tag = (source: number, event: DemuxEvent): DemuxEvent => {
    if (!('line' in event)) return event;
    linesPerContainer[source]++;
    const { name, host } = containers[source];
    const line: LogLine = { ...event, container: { name, host } };
    if (options.format === 'text' && !options.timestamps) delete line.time;
    return line;
  };

  for (const message of options.notices) {
    writer.control({ event: 'notice', message });
  }
  watch.start();
  let end: string | undefined;
  try {
    for await (const batch of merger.items()) {
      if (res.destroyed) break;
      const events: DemuxEvent[] = [];
      for (const item of batch) {
        if ('event' in item) {
          events.push(tag(item.source, item.event));
        } else if (!engineGone && (item.error !== undefined || follow)) {
          // Said in its place among the lines.
          await writer.writeLines(events.splice(0));
          const { name } = containers[item.source];
          if (item.error !== undefined) {
            logger.warn('Reading a container log from Docker failed', {
              container: name,
              error: String(item.error),
            });
          }
          writer.control({
            event: item.error === undefined ? 'notice' : 'error',
            message:
              item.error === undefined
                ? `${name} stopped; its log ends here.`
                : `The log of ${name} could not be read any further.`,
          });
        }
      }
      await writer.writeLines(events);
      if (writer.capped) break;
    }
    if (engineGone) {
      writer.control({
        event: 'error',
        message: `Docker did not answer for ${stalledSeconds} seconds, so the log stops here. Reload to try again.`,
      });
      end = 'The log may be incomplete.';
    } else if (writer.capped) {
      decideCap();
      writer.control({
        event: 'notice',
        message: `Stopped after ${Math.round(
          limits.maxResponseBytes / 1024,
        )} KiB, the most this portal sends at once. Narrow the time range or lower the number of lines.`,
      });
      end = 'End of what this response may hold.';
    }
  } finally {
    watch.stop();
    options.abort();
  }
  if (!res.destroyed) {
    decideCap();
    writer.control({
      event: 'end',
      message:
        end ??
        (follow
          ? 'All the containers stopped; the log ends here.'
          : 'End of the log.'),
    });
    res.end();
  }
}

/** One container's Docker stream, read as demultiplexed lines. */
function containerSource(
  container: MergedContainer,
  limits: LogLimits,
  watch: EngineWatch,
): MergeSource {
  const demuxer = new LogDemuxer({
    tty: container.tty,
    timestamps: true,
    maxLineBytes: limits.maxLineBytes,
    maxFrameBytes: MAX_FRAME_BYTES,
  });
  let chunks: AsyncIterator<Buffer> | undefined;
  let ended = false;
  return async () => {
    if (ended) return undefined;
    chunks ??= ((await container.open()) as AsyncIterable<Buffer>)[
      Symbol.asyncIterator
    ]();
    for (;;) {
      const next = await chunks.next();
      if (next.done || demuxer.failed) {
        ended = true;
        return demuxer.failed ? [] : demuxer.end();
      }
      watch.dataArrived();
      const events = demuxer.write(next.value);
      if (events.length > 0) return events;
    }
  };
}
