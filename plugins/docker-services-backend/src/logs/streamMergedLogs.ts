import { LoggerService } from '@backstage/backend-plugin-api';
import { LogLine } from '@docker-services/backstage-plugin-docker-services-common';
import { LogLimits } from '../config';
import { EngineWatch } from './EngineWatch';
import { DemuxEvent, LogDemuxer } from './LogDemuxer';
import { LogMerger, MergeSource } from './LogMerger';
import { LogFormat, LogSink } from './LogResponseWriter';
import { LogEnd, LogStreamSession, MAX_FRAME_BYTES } from './LogStreamSession';

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
  const linesPerContainer = containers.map(() => 0);
  const session = new LogStreamSession({
    res,
    format: options.format,
    limits,
    logger,
    follow,
    engine: 'Docker',
    check: options.checkEngines,
    abort: options.abort,
    notices: options.notices,
    capNotice: options.capNotice,
    reachedCap: count => linesPerContainer.some(n => n >= count),
  });
  const { writer, watch } = session;
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

  session.start();
  let end: LogEnd | undefined;
  try {
    for await (const batch of merger.items()) {
      if (res.destroyed) break;
      const events: DemuxEvent[] = [];
      for (const item of batch) {
        if ('event' in item) {
          events.push(tag(item.source, item.event));
        } else if (
          !session.engineGone &&
          (item.error !== undefined || follow)
        ) {
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
    if (session.engineGone) {
      end = session.sayEngineGone();
    } else if (writer.capped) {
      end = session.sayCapped();
    }
  } finally {
    session.stop();
    options.abort();
  }
  session.finish(
    end ?? {
      event: 'end',
      message: follow
        ? 'All the containers stopped; the log ends here.'
        : 'End of the log.',
    },
  );
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
