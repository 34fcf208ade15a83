import fc from 'fast-check';
import { DemuxEvent, LogDemuxer, LogDemuxerOptions } from './LogDemuxer';

const options: LogDemuxerOptions = {
  tty: false,
  timestamps: false,
  maxLineBytes: 64,
  maxFrameBytes: 1024,
};

function frame(type: number, payload: Buffer | string): Buffer {
  const body =
    typeof payload === 'string' ? Buffer.from(payload, 'utf8') : payload;
  const header = Buffer.alloc(8);
  header[0] = type;
  header.writeUInt32BE(body.length, 4);
  return Buffer.concat([header, body]);
}

/** Feeds `data` cut at the given offsets; returns every event. */
function demux(data: Buffer, cuts: number[], opts = options): DemuxEvent[] {
  const demuxer = new LogDemuxer(opts);
  const events: DemuxEvent[] = [];
  let last = 0;
  for (const cut of [...new Set(cuts)].sort((a, b) => a - b)) {
    events.push(...demuxer.write(data.subarray(last, cut)));
    last = cut;
  }
  events.push(...demuxer.write(data.subarray(last)));
  events.push(...demuxer.end());
  return events;
}

const lineText = fc
  .string({ unit: 'grapheme', maxLength: 20 })
  .map(s => s.replace(/\n/g, ' '));
const message = fc.record({
  stream: fc.constantFrom(1, 2),
  text: lineText,
  // Docker splits long lines; a message may lack its newline.
  newline: fc.boolean(),
});

// Lines never reach the cap here; cutting has tests of its own below.
const roomy = { ...options, maxLineBytes: 1024 * 1024 };

describe('LogDemuxer', () => {
  it('gives the same lines for every chunking of a framed stream (property)', () => {
    fc.assert(
      fc.property(
        fc.array(message, { maxLength: 12 }),
        fc.array(fc.nat(), { maxLength: 20 }),
        (messages, rawCuts) => {
          const data = Buffer.concat(
            messages.map(m =>
              frame(m.stream, m.text + (m.newline ? '\n' : '')),
            ),
          );
          const whole = demux(data, [], roomy);
          const cuts = rawCuts.map(c => (data.length ? c % data.length : 0));
          expect(demux(data, cuts, roomy)).toEqual(whole);

          // And the lines are exactly what each stream carried, split at newlines.
          for (const [type, name] of [
            [1, 'stdout'],
            [2, 'stderr'],
          ] as const) {
            const text = messages
              .filter(m => m.stream === type)
              .map(m => m.text + (m.newline ? '\n' : ''))
              .join('');
            const expected =
              text === '' ? [] : text.replace(/\n$/, '').split('\n');
            const got = whole
              .filter((e): e is any => 'stream' in e && e.stream === name)
              .map(e => e.line);
            expect(got).toEqual(expected);
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('decodes a character split across frames and chunks', () => {
    const bytes = Buffer.from('grüße 🚀 日本\n', 'utf8');
    // Split inside "ü", inside the rocket and inside "日".
    const data = Buffer.concat([
      frame(1, bytes.subarray(0, 3)),
      frame(1, bytes.subarray(3, 9)),
      frame(1, bytes.subarray(9, 18)),
      frame(1, bytes.subarray(18)),
    ]);
    for (let cut = 0; cut <= data.length; cut++) {
      expect(demux(data, [cut])).toEqual([
        { stream: 'stdout', line: 'grüße 🚀 日本' },
      ]);
    }
  });

  it('reads several frames from one chunk, interleaving streams', () => {
    const data = Buffer.concat([
      frame(1, 'out 1\n'),
      frame(2, 'err 1\n'),
      frame(1, 'out 2\n'),
    ]);
    expect(demux(data, [])).toEqual([
      { stream: 'stdout', line: 'out 1' },
      { stream: 'stderr', line: 'err 1' },
      { stream: 'stdout', line: 'out 2' },
    ]);
  });

  it('surfaces a type-3 frame as an error, not as log text', () => {
    const data = Buffer.concat([
      frame(1, 'ok\n'),
      frame(3, 'error from daemon: boom'),
    ]);
    expect(demux(data, [5])).toEqual([
      { stream: 'stdout', line: 'ok' },
      {
        event: 'error',
        message: 'Docker reported an error while reading the logs.',
        detail: 'error from daemon: boom',
      },
    ]);
  });

  it('joins a long line Docker sent in pieces, then cuts it with a marker', () => {
    const opts = { ...options, timestamps: true, maxLineBytes: 20 };
    const data = Buffer.concat([
      frame(1, '2026-01-01T00:00:00.000000001Z aaaaaaaaaaaaaaaa'),
      frame(1, '2026-01-01T00:00:00.000000002Z bbbbbbbbbbbbbbbb'),
      frame(1, '2026-01-01T00:00:00.000000003Z cc\n'),
      frame(1, '2026-01-01T00:00:01Z next\n'),
    ]);
    expect(demux(data, [7, 60], opts)).toEqual([
      {
        stream: 'stdout',
        time: '2026-01-01T00:00:00.000000001Z',
        line: 'aaaaaaaaaaaaaaaabbbb',
        truncated: { keptBytes: 20, totalBytes: 34 },
      },
      { stream: 'stdout', time: '2026-01-01T00:00:01Z', line: 'next' },
    ]);
  });

  it('never cuts a multi-byte character in half', () => {
    const opts = { ...options, maxLineBytes: 5 };
    // "ab" + "日" (3 bytes) fits exactly; "ab日本" cuts inside "本".
    expect(demux(frame(1, 'ab日本\n'), [], opts)).toEqual([
      {
        stream: 'stdout',
        line: 'ab日',
        truncated: { keptBytes: 5, totalBytes: 8 },
      },
    ]);
  });

  it('refuses an absurd frame size without allocating it', () => {
    const header = Buffer.alloc(8);
    header[0] = 1;
    header.writeUInt32BE(0xffffffff, 4);
    const demuxer = new LogDemuxer(options);
    const before = process.memoryUsage().arrayBuffers;
    const events = demuxer.write(Buffer.concat([header, Buffer.from('tiny')]));
    expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(
      1024 * 1024,
    );
    expect(events).toEqual([
      {
        event: 'error',
        message:
          'The log stream announced a 4294967295-byte message, more than this portal accepts (1024).',
      },
    ]);
    expect(demuxer.failed).toBe(true);
    expect(demuxer.write(frame(1, 'more\n'))).toEqual([]);
  });

  it('refuses a stream that is not framed at all', () => {
    expect(demux(Buffer.from('plain text, no frames\n'), [])).toEqual([
      {
        event: 'error',
        message: 'The log stream from Docker is not in the expected format.',
      },
    ]);
  });

  it('says when the stream stops mid-frame, and keeps what came', () => {
    const data = frame(1, 'complete\npartial');
    expect(demux(data.subarray(0, data.length - 3), [])).toEqual([
      { stream: 'stdout', line: 'complete' },
      { stream: 'stdout', line: 'part' },
      {
        event: 'error',
        message:
          'The log stream ended in the middle of a message; its last part is missing.',
      },
    ]);
  });

  it('reads a TTY stream as raw stdout, with \\r\\n and timestamps', () => {
    const opts = { ...options, tty: true, timestamps: true };
    const data = Buffer.from(
      '2026-01-01T00:00:00.5Z first\r\n2026-01-01T00:00:01.5Z sécond\r\nlast without newline',
    );
    for (let cut = 0; cut <= data.length; cut += 3) {
      expect(demux(data, [cut], opts)).toEqual([
        { stream: 'stdout', time: '2026-01-01T00:00:00.5Z', line: 'first' },
        { stream: 'stdout', time: '2026-01-01T00:00:01.5Z', line: 'sécond' },
        { stream: 'stdout', line: 'last without newline' },
      ]);
    }
  });

  it('keeps memory bounded for a 10 MiB line fed in 16 KiB pieces', () => {
    const opts = {
      ...options,
      maxLineBytes: 16 * 1024,
      maxFrameBytes: 64 * 1024,
    };
    const demuxer = new LogDemuxer(opts);
    const piece = frame(1, 'x'.repeat(16 * 1024));
    const events: DemuxEvent[] = [];
    for (let i = 0; i < 640; i++) events.push(...demuxer.write(piece));
    events.push(...demuxer.write(frame(1, '\n')));
    expect(events).toEqual([
      {
        stream: 'stdout',
        line: 'x'.repeat(16 * 1024),
        truncated: { keptBytes: 16 * 1024, totalBytes: 10 * 1024 * 1024 },
      },
    ]);
  });
});
