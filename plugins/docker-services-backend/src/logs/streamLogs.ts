import { LoggerService } from '@backstage/backend-plugin-api';
import { LogLimits } from '../config';
import { LogLine } from '@docker-services/backstage-plugin-docker-services-common';
import { DemuxEvent, LogDemuxer } from './LogDemuxer';
import { LogFormat, LogSink } from './LogResponseWriter';
import { LogEnd, LogStreamSession, MAX_FRAME_BYTES } from './LogStreamSession';

export type { LogFormat } from './LogResponseWriter';

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
  const session: LogStreamSession = new LogStreamSession({
    res,
    format: options.format,
    limits,
    logger,
    follow,
    engine: `Docker on host ${host}`,
    check: options.checkEngine,
    abort,
    notices: options.notices,
    capNotice: options.capNotice,
    reachedCap: count => session.writer.lineCount >= count,
  });
  const { writer } = session;
  session.start();
  const followEnd = () => {
    const said = options.followEnd;
    return (
      (typeof said === 'function' ? said() : said) ??
      'The container stopped; its log ends here.'
    );
  };
  // Said when the log ends; unless something cut it short, the ordinary
  // end (a followed log's reason is read then).
  let end: LogEnd | undefined;
  try {
    const source = await openSource();
    for await (const chunk of source as AsyncIterable<Buffer>) {
      if (res.destroyed) break;
      session.watch.dataArrived();
      await writer.writeLines(lines(demuxer.write(chunk)));
      if (writer.capped || demuxer.failed) break;
    }
    // An aborted stream may also just end.
    if (session.engineGone) throw new Error('Docker stopped answering');
    if (!writer.capped && !demuxer.failed) {
      await writer.writeLines(lines(demuxer.end()));
    }
    if (writer.capped) {
      end = session.sayCapped();
    } else if (demuxer.failed) {
      end = { event: 'end', message: 'The log could not be read any further.' };
    }
  } catch (error) {
    if (!res.destroyed) {
      logger.warn('Reading a container log from Docker failed', {
        error: String(error),
      });
      if (session.engineGone) {
        end = session.sayEngineGone();
      } else {
        writer.control({ event: 'error', message: describeReadError(error) });
        end = { event: 'end', message: 'The log may be incomplete.' };
      }
    }
  } finally {
    session.stop();
    abort();
  }
  if (res.destroyed) return;
  session.finish(
    end ?? {
      event: 'end',
      message: follow ? followEnd() : 'End of the log.',
    },
    end || follow ? undefined : options.readEnd?.(),
  );
}

/** Our own host errors are sentences already; anything else is said plainly. */
function describeReadError(error: unknown): string {
  const message = (error as Error)?.message;
  return message?.startsWith('Docker host')
    ? message
    : 'The connection to Docker was lost while reading the log.';
}
