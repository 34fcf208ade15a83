import { LoggerService } from '@backstage/backend-plugin-api';
import { LogLimits } from '../config';
import { EngineWatch } from './EngineWatch';
import { LogLine } from '@docker-services/backstage-plugin-docker-services-common';
import { DemuxEvent, LogDemuxer } from './LogDemuxer';
import { LogFormat, LogResponseWriter, LogSink } from './LogResponseWriter';

export type { LogFormat } from './LogResponseWriter';

const MAX_FRAME_BYTES = 1024 * 1024;

/**
 * Copies Docker's log stream to the response as NDJSON events (or plain
 * text), reading from Docker only as fast as the client takes it, with a
 * heartbeat while following, a byte cap, and a last `end` event. A stream
 * whose engine stops answering is told so and ends at a deadline; one whose
 * connection to Docker breaks ends at once with an error. Returns when the
 * response is finished or the client went away.
 */
export async function streamLogs(options: {
  res: LogSink & { end(): unknown };
  openSource: () => Promise<NodeJS.ReadableStream>;
  /** Ends the Docker request. */
  abort: () => void;
  /** A cheap allow-listed call to the engine, asked while the stream is silent. */
  checkEngine: () => Promise<unknown>;
  /** The host's name, for the messages. */
  host: string;
  tty: boolean;
  timestamps: boolean;
  follow: boolean;
  format: LogFormat;
  notices: string[];
  /** Said once the first batch of lines (before the stream idles) reached `lines`. */
  capNotice?: { lines: number; message: string };
  limits: LogLimits;
  logger: LoggerService;
  /**
   * What a followed log's end means, when not a container's stop; a
   * function is asked when the log ends (why it ended may be known only then).
   */
  followEnd?: string | (() => string);
  /** Why the source ended the log early, if it did (asked at the end). */
  readEnd?: () => string | undefined;
  /** Rewrites each line (a service's: which task and node wrote it). */
  mapLine?: (line: LogLine) => LogLine;
}): Promise<void> {
  const { res, openSource, abort, follow, limits, logger, host } = options;
  const mapLine = options.mapLine;
  const lines = (events: DemuxEvent[]): DemuxEvent[] =>
    mapLine ? events.map(e => ('line' in e ? mapLine(e) : e)) : events;
  const demuxer = new LogDemuxer({
    tty: options.tty,
    timestamps: options.timestamps,
    maxLineBytes: limits.maxLineBytes,
    maxFrameBytes: MAX_FRAME_BYTES,
  });
  const writer = new LogResponseWriter({
    sink: res,
    format: options.format,
    maxBytes: limits.maxResponseBytes,
    logger,
  });

  let capDecided = !options.capNotice;
  const decideCap = () => {
    if (capDecided) return;
    capDecided = true;
    if (writer.lineCount >= options.capNotice!.lines) {
      writer.control({ event: 'notice', message: options.capNotice!.message });
    }
  };

  let engineGone = false;
  // The deadline is named for follows, where a hang is most likely noticed.
  const stalledSeconds = limits.stalledFollowSeconds;
  // Reads are watched too: a hung engine must not hold a slot for ever.
  const watch = new EngineWatch({
    check: options.checkEngine,
    heartbeatMs: limits.heartbeatSeconds * 1000,
    stalledMs: stalledSeconds * 1000,
    lastWriteAt: () => writer.lastWriteAt,
    events: {
      heartbeat: () => {
        if (follow) writer.control({ event: 'heartbeat' });
      },
      // The first lull of a follow ends Docker's first batch: time to say
      // if it was cut. A read says so at its end.
      firstLull: () => {
        if (follow) decideCap();
      },
      engineSilent: () =>
        writer.control({
          event: 'notice',
          message: `Docker on host ${host} stopped answering. New lines will show if it recovers; the log stops after ${stalledSeconds} seconds without an answer.`,
        }),
      engineBack: () =>
        writer.control({
          event: 'notice',
          message: `Docker on host ${host} answers again.`,
        }),
      engineGone: () => {
        engineGone = true;
        abort();
      },
    },
  });

  for (const message of options.notices) {
    writer.control({ event: 'notice', message });
  }
  watch.start();
  const followEnd = () => {
    const said = options.followEnd;
    return (
      (typeof said === 'function' ? said() : said) ??
      'The container stopped; its log ends here.'
    );
  };
  // Said when the log ends; unless something cut it short, the ordinary
  // end (a followed log's reason is read then).
  let end: { event: 'end'; message: string } | undefined;
  try {
    const source = await openSource();
    for await (const chunk of source as AsyncIterable<Buffer>) {
      if (res.destroyed) break;
      watch.dataArrived();
      await writer.writeLines(lines(demuxer.write(chunk)));
      if (writer.capped || demuxer.failed) break;
    }
    // An aborted stream may also just end.
    if (engineGone) throw new Error('Docker stopped answering');
    if (!writer.capped && !demuxer.failed && !engineGone) {
      await writer.writeLines(lines(demuxer.end()));
    }
    if (writer.capped) {
      decideCap();
      writer.control({
        event: 'notice',
        message: `Stopped after ${formatBytes(
          limits.maxResponseBytes,
        )}, the most this portal sends at once. Narrow the time range or lower the number of lines.`,
      });
      end = { event: 'end', message: 'End of what this response may hold.' };
    } else if (demuxer.failed) {
      end = { event: 'end', message: 'The log could not be read any further.' };
    }
  } catch (error) {
    if (!res.destroyed) {
      logger.warn('Reading a container log from Docker failed', {
        error: String(error),
      });
      writer.control({
        event: 'error',
        message: engineGone
          ? `Docker on host ${host} did not answer for ${stalledSeconds} seconds, so the log stops here. Reload to try again.`
          : describeReadError(error),
      });
      end = { event: 'end', message: 'The log may be incomplete.' };
    }
  } finally {
    watch.stop();
    abort();
  }
  if (!res.destroyed) {
    decideCap();
    const early = end || follow ? undefined : options.readEnd?.();
    if (early) writer.control({ event: 'notice', message: early });
    writer.control(
      end ?? {
        event: 'end',
        message: follow ? followEnd() : 'End of the log.',
      },
    );
    res.end();
  }
}

/** Our own host errors are sentences already; anything else is said plainly. */
function describeReadError(error: unknown): string {
  const message = (error as Error)?.message;
  return message?.startsWith('Docker host')
    ? message
    : 'The connection to Docker was lost while reading the log.';
}

function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024
    ? `${Math.round(bytes / (1024 * 1024))} MiB`
    : `${Math.round(bytes / 1024)} KiB`;
}
