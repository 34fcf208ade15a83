import {
  LogLine,
  LogStreamName,
} from '@docker-services/backstage-plugin-docker-services-common';
import type { DemuxEvent, LogDemuxerOptions } from './LogDemuxer';

const NEWLINE = 0x0a;
// Docker's RFC 3339 timestamp with nanoseconds, then one space.
const TIMESTAMP =
  /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d{1,9})?(?:Z|[+-]\d\d:\d\d)) /;
const MAX_TIMESTAMP_BYTES = 40;

/** Collects one stream's bytes into lines, keeping at most maxLineBytes of each. */
export class LineAssembler {
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

  /** One Docker message, `buf[start, end)`: its timestamp (if asked for) sits at its start. */
  pushFrame(buf: Buffer, start: number, end: number, events: DemuxEvent[]) {
    let from = start;
    if (this.#options.timestamps) {
      const match = TIMESTAMP.exec(
        buf.toString(
          'latin1',
          start,
          Math.min(end, start + MAX_TIMESTAMP_BYTES),
        ),
      );
      if (match) {
        // A continuation piece of a long line repeats a timestamp: drop it.
        if (this.#atLineStart) this.#time = match[1];
        from = Math.min(end, start + match[0].length);
      }
    }
    this.#push(buf, from, end, events, false);
  }

  /** A TTY stream: arbitrary chunks; timestamps are read at each line's end. */
  pushRaw(chunk: Buffer, events: DemuxEvent[]) {
    this.#push(chunk, 0, chunk.length, events, this.#options.timestamps);
  }

  flush(events: DemuxEvent[]) {
    if (!this.#atLineStart || this.#keptBytes > 0) {
      this.#emit(events, this.#options.tty && this.#options.timestamps);
    }
  }

  #push(
    buf: Buffer,
    start: number,
    end: number,
    events: DemuxEvent[],
    timestampInLine: boolean,
  ) {
    let at = start;
    while (at < end) {
      let newline = buf.indexOf(NEWLINE, at);
      if (newline >= end) newline = -1;
      const pieceEnd = newline < 0 ? end : newline;
      if (newline >= 0 && this.#kept.length === 0 && this.#totalBytes === 0) {
        // The common case, a whole line in one piece: decoded where it lies.
        this.#emitWhole(events, timestampInLine, buf, at, pieceEnd);
      } else {
        this.#keep(buf.subarray(at, pieceEnd));
        if (newline < 0) break;
        this.#emit(events, timestampInLine);
      }
      at = pieceEnd + 1;
    }
  }

  #emitWhole(
    events: DemuxEvent[],
    timestampInLine: boolean,
    buf: Buffer,
    start: number,
    end: number,
  ) {
    if (
      timestampInLine ||
      this.#options.tty ||
      end - start > this.#options.maxLineBytes
    ) {
      this.#totalBytes = end - start;
      this.#emit(events, timestampInLine, buf.subarray(start, end));
      return;
    }
    // No Buffer object per line: the text is decoded straight from the chunk.
    const line: LogLine = {
      stream: this.#stream,
      line: buf.toString('utf8', start, end),
    };
    if (this.#time) line.time = this.#time;
    events.push(line);
    this.#time = undefined;
    this.#atLineStart = true;
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
