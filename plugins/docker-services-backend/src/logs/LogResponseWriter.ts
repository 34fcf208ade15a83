import { LoggerService } from '@backstage/backend-plugin-api';
import {
  LogLine,
  LogStreamEvent,
  stripControlSequences,
} from '@docker-services/backstage-plugin-docker-services-common';
import { DemuxEvent } from './LogDemuxer';

export type LogFormat = 'ndjson' | 'text';

/** The part of an HTTP response the writer uses. */
export interface LogSink {
  readonly destroyed: boolean;
  write(text: string): boolean;
  once(event: 'drain' | 'close', listener: () => void): unknown;
  off(event: 'drain' | 'close', listener: () => void): unknown;
}

/**
 * Writes log events to the response: NDJSON events, or plain text for a
 * download (without terminal control sequences or colours). One write per
 * batch of lines, not per line; stops at a byte cap; and waits for the
 * client to take what was written before more is read from Docker.
 */
export class LogResponseWriter {
  readonly #sink: LogSink;
  readonly #format: LogFormat;
  readonly #maxBytes: number;
  readonly #logger: LoggerService;
  #sentBytes = 0;
  #lineCount = 0;
  #capped = false;
  #lastWriteAt = Date.now();

  constructor(options: {
    sink: LogSink;
    format: LogFormat;
    /** The most bytes the response may hold; then it is cut. */
    maxBytes: number;
    logger: LoggerService;
  }) {
    this.#sink = options.sink;
    this.#format = options.format;
    this.#maxBytes = options.maxBytes;
    this.#logger = options.logger;
  }

  /** Lines written so far. */
  get lineCount(): number {
    return this.#lineCount;
  }

  /** True once a batch did not fit under the byte cap; nothing more is written. */
  get capped(): boolean {
    return this.#capped;
  }

  get lastWriteAt(): number {
    return this.#lastWriteAt;
  }

  /** A control event (notice, heartbeat, error, end), written at once. */
  control(event: LogStreamEvent): void {
    this.#send(this.#serialize(event));
  }

  /**
   * Lines and Docker's errors from the demuxer. Resolves when the client
   * is ready for more (or gone).
   */
  async writeLines(events: DemuxEvent[]): Promise<void> {
    if (this.#capped || events.length === 0) return;
    let batch = '';
    // Bytes are counted exactly only near the cap: a UTF-16 unit takes at
    // most 3 bytes of UTF-8, so far from it the string length is enough.
    let exactBytes: number | undefined;
    for (const event of events) {
      let piece: string;
      if ('line' in event) {
        piece = this.#serializeLine(event);
      } else {
        if (event.detail) {
          this.#logger.warn('Docker reported an error in a log stream', {
            detail: event.detail,
          });
        }
        piece = this.#serialize({ event: 'error', message: event.message });
      }
      if (
        exactBytes === undefined &&
        this.#sentBytes + 3 * (batch.length + piece.length) > this.#maxBytes
      ) {
        exactBytes = Buffer.byteLength(batch);
      }
      if (exactBytes !== undefined) {
        exactBytes += Buffer.byteLength(piece);
        if (this.#sentBytes + exactBytes > this.#maxBytes) {
          this.#capped = true;
          break;
        }
      }
      if ('line' in event) this.#lineCount++;
      batch += piece;
    }
    if (batch && !this.#send(batch)) await this.#drained();
  }

  #send(text: string): boolean {
    if (!text || this.#sink.destroyed) return true;
    this.#sentBytes += Buffer.byteLength(text);
    this.#lastWriteAt = Date.now();
    const ok = this.#sink.write(text);
    // Compression (when the app enables it) would hold small writes back.
    (this.#sink as { flush?: () => void }).flush?.();
    return ok;
  }

  #drained(): Promise<void> {
    return new Promise(resolve => {
      const done = () => {
        this.#sink.off('drain', done);
        this.#sink.off('close', done);
        resolve();
      };
      this.#sink.once('drain', done);
      this.#sink.once('close', done);
    });
  }

  #serializeLine(line: LogLine): string {
    if (this.#format === 'text') return lineAsText(line);
    // The common shape is written by hand, once per line: only the text
    // needs JSON escaping, not the whole object.
    if (line.truncated || line.task || line.container)
      return `${JSON.stringify(line)}\n`;
    // Docker's timestamps hold digits, T, Z, colons, dots, plus and minus.
    const time = line.time === undefined ? '' : `,"time":"${line.time}"`;
    return `{"stream":"${line.stream}","line":${JSON.stringify(
      line.line,
    )}${time}}\n`;
  }

  #serialize(event: LogStreamEvent): string {
    if (this.#format === 'ndjson') return `${JSON.stringify(event)}\n`;
    if ('line' in event) return lineAsText(event);
    if (event.event === 'heartbeat' || event.event === 'end') return '';
    return `[docker-services: ${event.message}]\n`;
  }
}

function lineAsText(line: LogLine): string {
  const marker = line.truncated
    ? ` […cut: the line has ${line.truncated.totalBytes} bytes, the first ${line.truncated.keptBytes} are shown]`
    : '';
  const text = stripControlSequences(line.line, { keepColours: false });
  // A service's lines say which replica on which node wrote them, as
  // `docker service logs` does.
  const task = line.task
    ? `${line.task.slot ?? line.task.id.slice(0, 12)}@${
        line.task.node ?? '?'
      } | `
    : '';
  // A merged log's lines say which container wrote them.
  const container = line.container ? `${line.container.name} | ` : '';
  return `${
    line.time ? `${line.time} ` : ''
  }${task}${container}${text}${marker}\n`;
}
