import { LoggerService } from '@backstage/backend-plugin-api';
import { LogLimits } from '../config';
import { EngineWatch } from './EngineWatch';
import { LogFormat, LogResponseWriter, LogSink } from './LogResponseWriter';

/** The largest Docker frame a log stream accepts. */
export const MAX_FRAME_BYTES = 1024 * 1024;

/** A log's last event. */
export interface LogEnd {
  event: 'end';
  message: string;
}

/**
 * What every log stream shares, one container's or several merged: the
 * response writer with its byte cap, the watch on the engine (heartbeats,
 * a hung engine told and ended at a deadline), the notice that the tail was
 * cut, the notices said first, and the last `end` event.
 */
export class LogStreamSession {
  readonly writer: LogResponseWriter;
  readonly watch: EngineWatch;
  readonly #res: LogSink & { end(): unknown };
  readonly #engine: string;
  readonly #limits: LogLimits;
  readonly #notices: string[];
  readonly #capNotice?: { lines: number; message: string };
  readonly #reachedCap: (lines: number) => boolean;
  #capDecided: boolean;
  #engineGone = false;

  constructor(options: {
    res: LogSink & { end(): unknown };
    format: LogFormat;
    limits: LogLimits;
    logger: LoggerService;
    follow: boolean;
    /** Who the engine notices name: "Docker on host local", or "Docker". */
    engine: string;
    /** A cheap allow-listed call to the engine(s), asked while all is silent. */
    check: () => Promise<unknown>;
    /** Ends the Docker request(s). */
    abort: () => void;
    notices: string[];
    /** Said once the first batch of lines reached `lines`. */
    capNotice?: { lines: number; message: string };
    /** Whether the lines so far reached the cap notice's `lines`. */
    reachedCap: (lines: number) => boolean;
  }) {
    const { res, limits, follow, engine } = options;
    this.#res = res;
    this.#engine = engine;
    this.#limits = limits;
    this.#notices = options.notices;
    this.#capNotice = options.capNotice;
    this.#reachedCap = options.reachedCap;
    this.#capDecided = !options.capNotice;
    const writer = new LogResponseWriter({
      sink: res,
      format: options.format,
      maxBytes: limits.maxResponseBytes,
      logger: options.logger,
    });
    this.writer = writer;
    // The deadline is named for follows, where a hang is most likely noticed.
    const stalledSeconds = limits.stalledFollowSeconds;
    // Reads are watched too: a hung engine must not hold a slot for ever.
    this.watch = new EngineWatch({
      check: options.check,
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
          if (follow) this.decideCap();
        },
        engineSilent: () =>
          writer.control({
            event: 'notice',
            message: `${engine} stopped answering. New lines will show if it recovers; the log stops after ${stalledSeconds} seconds without an answer.`,
          }),
        engineBack: () =>
          writer.control({
            event: 'notice',
            message: `${engine} answers again.`,
          }),
        engineGone: () => {
          this.#engineGone = true;
          options.abort();
        },
      },
    });
  }

  /** Whether the engine did not answer for the whole deadline. */
  get engineGone(): boolean {
    return this.#engineGone;
  }

  /** Says the notices given, and starts watching the engine. */
  start(): void {
    for (const message of this.#notices) {
      this.writer.control({ event: 'notice', message });
    }
    this.watch.start();
  }

  /** Says once, if the lines reached the cap, that the tail was cut. */
  decideCap(): void {
    if (this.#capDecided) return;
    this.#capDecided = true;
    if (this.#reachedCap(this.#capNotice!.lines)) {
      this.writer.control({
        event: 'notice',
        message: this.#capNotice!.message,
      });
    }
  }

  /** Says the response reached its byte cap; the end that goes with it. */
  sayCapped(): LogEnd {
    this.decideCap();
    this.writer.control({
      event: 'notice',
      message: `Stopped after ${formatBytes(
        this.#limits.maxResponseBytes,
      )}, the most this portal sends at once. Narrow the time range or lower the number of lines.`,
    });
    return { event: 'end', message: 'End of what this response may hold.' };
  }

  /** Says the engine stopped answering; the end that goes with it. */
  sayEngineGone(): LogEnd {
    this.writer.control({
      event: 'error',
      message: `${this.#engine} did not answer for ${
        this.#limits.stalledFollowSeconds
      } seconds, so the log stops here. Reload to try again.`,
    });
    return { event: 'end', message: 'The log may be incomplete.' };
  }

  /** Stops watching the engine. */
  stop(): void {
    this.watch.stop();
  }

  /**
   * Ends the response with `end` (after `before`, a last notice, if any),
   * unless the client went away.
   */
  finish(end: LogEnd, before?: string): void {
    if (this.#res.destroyed) return;
    this.decideCap();
    if (before) this.writer.control({ event: 'notice', message: before });
    this.writer.control(end);
    this.#res.end();
  }
}

function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024
    ? `${Math.round(bytes / (1024 * 1024))} MiB`
    : `${Math.round(bytes / 1024)} KiB`;
}
