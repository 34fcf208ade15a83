import { mockServices } from '@backstage/backend-test-utils';
import { EventEmitter } from 'node:events';
import { LogResponseWriter } from './LogResponseWriter';

const ESC = '\u001b';

/** A response that takes `room` writes, then reports back-pressure. */
class FakeSink extends EventEmitter {
  destroyed = false;
  written: string[] = [];
  room = Infinity;
  write(text: string): boolean {
    this.written.push(text);
    return this.written.length < this.room;
  }
}

function writerFor(sink: FakeSink, format: 'ndjson' | 'text', maxBytes = 1e9) {
  return new LogResponseWriter({
    sink,
    format,
    maxBytes,
    logger: mockServices.logger.mock(),
  });
}

describe('LogResponseWriter', () => {
  it('writes a batch of lines as NDJSON that parses to the same lines, in one write', async () => {
    const sink = new FakeSink();
    const lines = [
      { stream: 'stdout' as const, line: 'plain "quoted" \\ back' },
      {
        stream: 'stderr' as const,
        line: 'héllo ✓',
        time: '2026-01-01T00:00:00.123456789Z',
      },
      {
        stream: 'stdout' as const,
        line: 'x'.repeat(10),
        truncated: { keptBytes: 10, totalBytes: 99 },
      },
    ];
    const writer = writerFor(sink, 'ndjson');
    await writer.writeLines(lines);
    expect(sink.written).toHaveLength(1);
    expect(
      sink.written[0]
        .split('\n')
        .filter(Boolean)
        .map(l => JSON.parse(l)),
    ).toEqual(lines);
    expect(writer.lineCount).toBe(3);
  });

  it('turns Docker errors into error events without their detail', async () => {
    const sink = new FakeSink();
    await writerFor(sink, 'ndjson').writeLines([
      {
        event: 'error',
        message: 'Docker reported an error.',
        detail: 'secret',
      },
    ]);
    expect(sink.written.join('')).toBe(
      '{"event":"error","message":"Docker reported an error."}\n',
    );
  });

  it('writes a download as text without control sequences or colours', async () => {
    const sink = new FakeSink();
    const writer = writerFor(sink, 'text');
    writer.control({
      event: 'notice',
      message: 'Showing only the last 5 lines.',
    });
    await writer.writeLines([
      {
        stream: 'stdout',
        line: `${ESC}]52;c;ZXZpbA==\u0007${ESC}[2J${ESC}[Hstart 10%\rdone ${ESC}[31mred${ESC}[0m`,
        time: '2026-01-01T00:00:00Z',
      },
    ]);
    writer.control({ event: 'heartbeat' });
    writer.control({ event: 'end', message: 'End of the log.' });
    expect(sink.written.join('')).toBe(
      '[docker-services: Showing only the last 5 lines.]\n2026-01-01T00:00:00Z start 10%done red\n',
    );
  });

  it('stops before the byte cap, counting UTF-8 bytes', async () => {
    const sink = new FakeSink();
    const line = { stream: 'stdout' as const, line: '日本語' }; // 9 bytes of text
    const oneLine = Buffer.byteLength('{"stream":"stdout","line":"日本語"}\n');
    const writer = writerFor(sink, 'ndjson', oneLine * 2 + 1);
    await writer.writeLines([line, line, line]);
    expect(writer.capped).toBe(true);
    expect(writer.lineCount).toBe(2);
    expect(Buffer.byteLength(sink.written.join(''))).toBe(oneLine * 2);
    await writer.writeLines([line]);
    expect(writer.lineCount).toBe(2);
  });

  it('waits for the client to take a batch before the next one, or for it to leave', async () => {
    const sink = new FakeSink();
    sink.room = 1;
    const writer = writerFor(sink, 'ndjson');
    let done = false;
    const pending = writer
      .writeLines([{ stream: 'stdout', line: 'a' }])
      .then(() => (done = true));
    await new Promise(r => setImmediate(r));
    expect(done).toBe(false);
    sink.emit('drain');
    await pending;
    expect(sink.listenerCount('drain') + sink.listenerCount('close')).toBe(0);

    const second = writer.writeLines([{ stream: 'stdout', line: 'b' }]);
    sink.emit('close');
    await second;
  });
});
