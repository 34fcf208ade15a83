import {
  LogLine,
  LogStreamName,
} from '@docker-services/backstage-plugin-docker-services-common';
import { LineAssembler } from './LineAssembler';

/** What the demuxer produces: log lines, and errors found in the stream. */
export type DemuxEvent =
  | LogLine
  | { event: 'error'; message: string; detail?: string };

export interface LogDemuxerOptions {
  /** TTY containers' logs are one raw stream; others are framed. */
  tty: boolean;
  /** Whether Docker was asked to prefix each message with its time. */
  timestamps: boolean;
  /** Longer lines are cut here (on a character boundary) and marked. */
  maxLineBytes: number;
  /** A frame header announcing more than this is refused, unallocated. */
  maxFrameBytes: number;
}

const HEADER_BYTES = 8;

/**
 * Turns Docker's log stream into lines. Framed streams (8-byte headers:
 * stream type, 3 zero bytes, big-endian payload size) may be split at any
 * byte and several frames may share a chunk; type 3 frames carry Docker's
 * own errors, not log text. Lines Docker delivers in 16 KiB pieces are
 * joined; UTF-8 is decoded per whole line, so characters split across frames
 * come out intact. Memory stays bounded by maxLineBytes and maxFrameBytes
 * whatever the container wrote.
 */
export class LogDemuxer {
  readonly #options: LogDemuxerOptions;
  readonly #lines: Record<LogStreamName, LineAssembler>;
  /** A frame header split across chunks, gathered here. */
  readonly #header = Buffer.alloc(HEADER_BYTES);
  #headerBytes = 0;
  #frameType = 0;
  #frameRemaining = 0;
  #frameParts: Buffer[] = [];
  #failed = false;

  constructor(options: LogDemuxerOptions) {
    this.#options = options;
    this.#lines = {
      stdout: new LineAssembler('stdout', options),
      stderr: new LineAssembler('stderr', options),
    };
  }

  /** True once the stream was found malformed; nothing more is read. */
  get failed(): boolean {
    return this.#failed;
  }

  write(chunk: Buffer): DemuxEvent[] {
    const events: DemuxEvent[] = [];
    if (this.#failed) return events;
    if (this.#options.tty) {
      this.#lines.stdout.pushRaw(chunk, events);
      return events;
    }
    let offset = 0;
    while (offset < chunk.length && !this.#failed) {
      if (this.#frameRemaining === 0 && this.#frameParts.length === 0) {
        if (this.#headerBytes === 0 && chunk.length - offset >= HEADER_BYTES) {
          // The common case: a whole header, read where it lies.
          this.#startFrame(chunk, offset, events);
          offset += HEADER_BYTES;
          continue;
        }
        const take = Math.min(
          HEADER_BYTES - this.#headerBytes,
          chunk.length - offset,
        );
        chunk.copy(this.#header, this.#headerBytes, offset, offset + take);
        this.#headerBytes += take;
        offset += take;
        if (this.#headerBytes < HEADER_BYTES) break;
        this.#headerBytes = 0;
        this.#startFrame(this.#header, 0, events);
        continue;
      }
      if (
        this.#frameParts.length === 0 &&
        this.#frameRemaining <= chunk.length - offset
      ) {
        // The whole payload is in this chunk: no copy.
        const end = offset + this.#frameRemaining;
        this.#frameRemaining = 0;
        this.#deliver(chunk, offset, end, events);
        offset = end;
        continue;
      }
      const take = chunk.subarray(offset, offset + this.#frameRemaining);
      this.#frameParts.push(take);
      this.#frameRemaining -= take.length;
      offset += take.length;
      if (this.#frameRemaining === 0) this.#endFrame(events);
    }
    return events;
  }

  /** Flushes what is left: a last line without a newline, a cut-off frame. */
  end(): DemuxEvent[] {
    const events: DemuxEvent[] = [];
    const cutOff =
      !this.#failed && (this.#headerBytes > 0 || this.#frameRemaining > 0);
    if (cutOff && this.#frameParts.length > 0 && this.#frameType !== 3) {
      this.#frameRemaining = 0;
      this.#endFrame(events);
    }
    this.#lines.stdout.flush(events);
    this.#lines.stderr.flush(events);
    if (cutOff) {
      events.push({
        event: 'error',
        message:
          'The log stream ended in the middle of a message; its last part is missing.',
      });
    }
    return events;
  }

  #startFrame(header: Buffer, at: number, events: DemuxEvent[]) {
    const type = header[at];
    const size = header.readUInt32BE(at + 4);
    if (
      type > 3 ||
      header[at + 1] !== 0 ||
      header[at + 2] !== 0 ||
      header[at + 3] !== 0
    ) {
      this.#fail(
        events,
        'The log stream from Docker is not in the expected format.',
      );
      return;
    }
    if (size > this.#options.maxFrameBytes) {
      this.#fail(
        events,
        `The log stream announced a ${size}-byte message, more than this portal accepts (${
          this.#options.maxFrameBytes
        }).`,
      );
      return;
    }
    this.#frameType = type;
    this.#frameRemaining = size;
    if (size === 0) this.#endFrame(events);
  }

  /** A frame whose payload arrived in pieces. */
  #endFrame(events: DemuxEvent[]) {
    const payload =
      this.#frameParts.length === 1
        ? this.#frameParts[0]
        : Buffer.concat(this.#frameParts);
    this.#frameParts = [];
    this.#deliver(payload, 0, payload.length, events);
  }

  #deliver(buf: Buffer, start: number, end: number, events: DemuxEvent[]) {
    if (this.#frameType === 3) {
      events.push({
        event: 'error',
        message: 'Docker reported an error while reading the logs.',
        detail: buf.toString('utf8', start, end).slice(0, 500),
      });
      return;
    }
    const stream = this.#frameType === 2 ? 'stderr' : 'stdout';
    this.#lines[stream].pushFrame(buf, start, end, events);
  }

  #fail(events: DemuxEvent[], message: string) {
    this.#failed = true;
    events.push({ event: 'error', message });
  }
}
