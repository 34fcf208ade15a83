import {
  LogLine,
  LogStreamName,
} from '@internal/backstage-plugin-docker-services-common';

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
const NEWLINE = 0x0a;
// Docker's RFC 3339 timestamp with nanoseconds, then one space.
const TIMESTAMP =
  /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d{1,9})?(?:Z|[+-]\d\d:\d\d)) /;
const MAX_TIMESTAMP_BYTES = 40;

/** Collects one stream's bytes into lines, keeping at most maxLineBytes of each. */
class LineAssembler {
  readonly #stream: LogStreamName;
  readonly #options: LogDemuxerOptions;
  #kept: Buffer[] = [];
  #keptBytes = 0;
  #totalBytes = 0;
  #time?: string;
  #atLineStart = true;

  constructor(stream: LogStreamName, options: LogDemuxerOptions) {
    this.#stream = stream;
    this.#options = options;
  }

  /** One Docker message: its timestamp (if asked for) sits at its start. */
  pushFrame(payload: Buffer, events: DemuxEvent[]) {
    let data = payload;
    if (this.#options.timestamps) {
      const match = TIMESTAMP.exec(
        data.subarray(0, MAX_TIMESTAMP_BYTES).toString('latin1'),
      );
      if (match) {
        // A continuation piece of a long line repeats a timestamp: drop it.
        if (this.#atLineStart) this.#time = match[1];
        data = data.subarray(match[0].length);
      }
    }
    this.#push(data, events, false);
  }

  /** A TTY stream: arbitrary chunks; timestamps are read at each line's end. */
  pushRaw(chunk: Buffer, events: DemuxEvent[]) {
    this.#push(chunk, events, this.#options.timestamps);
  }

  flush(events: DemuxEvent[]) {
    if (!this.#atLineStart || this.#keptBytes > 0) {
      this.#emit(events, this.#options.tty && this.#options.timestamps);
    }
  }

  #push(data: Buffer, events: DemuxEvent[], timestampInLine: boolean) {
    let rest = data;
    while (rest.length > 0) {
      const newline = rest.indexOf(NEWLINE);
      const piece = newline < 0 ? rest : rest.subarray(0, newline);
      if (newline >= 0 && this.#kept.length === 0 && this.#totalBytes === 0) {
        // The common case, a whole line in one piece: no copy needed.
        this.#totalBytes = piece.length;
        this.#emit(events, timestampInLine, piece);
      } else {
        this.#keep(piece);
        if (newline < 0) break;
        this.#emit(events, timestampInLine);
      }
      rest = rest.subarray(newline + 1);
    }
  }

  #keep(piece: Buffer) {
    this.#atLineStart = false;
    this.#totalBytes += piece.length;
    const room =
      this.#options.maxLineBytes + MAX_TIMESTAMP_BYTES - this.#keptBytes;
    if (room > 0 && piece.length > 0) {
      // Copy, so a kept slice never pins a whole chunk in memory.
      const kept = Buffer.from(piece.subarray(0, room));
      this.#kept.push(kept);
      this.#keptBytes += kept.length;
    }
  }

  #emit(events: DemuxEvent[], timestampInLine: boolean, whole?: Buffer) {
    let bytes: Buffer =
      whole ??
      (this.#kept.length === 1 ? this.#kept[0] : Buffer.concat(this.#kept));
    let total = this.#totalBytes;
    let time = this.#time;
    if (timestampInLine) {
      const match = TIMESTAMP.exec(
        bytes.subarray(0, MAX_TIMESTAMP_BYTES).toString('latin1'),
      );
      if (match) {
        time = match[1];
        bytes = bytes.subarray(match[0].length);
        total -= match[0].length;
      }
    }
    if (this.#options.tty && bytes[bytes.length - 1] === 0x0d) {
      bytes = bytes.subarray(0, -1); // a terminal's \r\n
      total -= 1;
    }
    const truncated = total > this.#options.maxLineBytes;
    if (truncated)
      bytes = cutToCharBoundary(bytes.subarray(0, this.#options.maxLineBytes));
    const line: LogLine = {
      stream: this.#stream,
      line: bytes.toString('utf8'),
    };
    if (time) line.time = time;
    if (truncated) {
      line.truncated = { keptBytes: bytes.length, totalBytes: total };
    }
    events.push(line);
    this.#kept = [];
    this.#keptBytes = 0;
    this.#totalBytes = 0;
    this.#time = undefined;
    this.#atLineStart = true;
  }
}

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
  #header = Buffer.alloc(0);
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
        const need = HEADER_BYTES - this.#header.length;
        const take = chunk.subarray(offset, offset + need);
        this.#header = Buffer.concat([this.#header, take]);
        offset += take.length;
        if (this.#header.length < HEADER_BYTES) break;
        this.#startFrame(events);
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
      !this.#failed && (this.#header.length > 0 || this.#frameRemaining > 0);
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

  #startFrame(events: DemuxEvent[]) {
    const header = this.#header;
    this.#header = Buffer.alloc(0);
    const type = header[0];
    const size = header.readUInt32BE(4);
    if (type > 3 || header[1] !== 0 || header[2] !== 0 || header[3] !== 0) {
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

  #endFrame(events: DemuxEvent[]) {
    const payload = Buffer.concat(this.#frameParts);
    this.#frameParts = [];
    if (this.#frameType === 3) {
      events.push({
        event: 'error',
        message: 'Docker reported an error while reading the logs.',
        detail: payload.toString('utf8').slice(0, 500),
      });
      return;
    }
    const stream = this.#frameType === 2 ? 'stderr' : 'stdout';
    this.#lines[stream].pushFrame(payload, events);
  }

  #fail(events: DemuxEvent[], message: string) {
    this.#failed = true;
    events.push({ event: 'error', message });
  }
}

/** Drops a UTF-8 sequence the cut left incomplete. */
function cutToCharBoundary(bytes: Buffer): Buffer {
  let start = bytes.length - 1;
  // Walk back over continuation bytes (10xxxxxx) to the sequence's lead byte.
  while (
    start >= 0 &&
    start > bytes.length - 4 &&
    (bytes[start] & 0xc0) === 0x80
  )
    start--;
  if (start < 0) return bytes;
  const lead = bytes[start];
  let expected = 1;
  if (lead >= 0xf0) expected = 4;
  else if (lead >= 0xe0) expected = 3;
  else if (lead >= 0xc0) expected = 2;
  return bytes.length - start < expected ? bytes.subarray(0, start) : bytes;
}
