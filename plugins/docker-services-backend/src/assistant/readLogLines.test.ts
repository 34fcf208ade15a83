import { ServiceUnavailableError } from '@backstage/errors';
import { PassThrough, Readable } from 'node:stream';
import { readLogLines } from './readLogLines';

const limits = { maxTail: 1000, maxLineBytes: 1024, maxResponseBytes: 1024 };
const at = (n: number) => `2026-12-06T10:00:0${n}.000000000Z`;

/** A TTY container's log as Docker sends it: one raw stream, each line after its time. */
function ttyLog(lines: string[]) {
  return Readable.from([
    Buffer.from(lines.map((l, i) => `${at(i)} ${l}\r\n`).join('')),
  ]);
}

describe('readLogLines', () => {
  it('asks Docker for the tail, within the caps, and strips control sequences', async () => {
    const open = jest.fn(async () =>
      ttyLog(['plain', '\u001b[31mred\u001b[0m \u001b]0;title\u0007text']),
    );
    const read = await readLogLines({
      open,
      tty: true,
      lines: 2000,
      limits,
      deadlineMs: 5000,
    });
    expect(open).toHaveBeenCalledWith(
      expect.objectContaining({ tail: 500, follow: false, timestamps: true }),
      expect.any(AbortSignal),
    );
    expect(read.lines.map(l => l.line)).toEqual(['plain', 'red text']);
    expect(read.notice).toBe(
      'Showing only the last 500 lines, the most the portal gives an assistant at once.',
    );
  });

  it('keeps the newest lines when they hold more than a response may', async () => {
    const read = await readLogLines({
      open: async () => ttyLog(['a'.repeat(600), 'b'.repeat(600), 'c']),
      tty: true,
      lines: 3,
      limits,
      deadlineMs: 5000,
    });
    expect(read.lines.map(l => l.line[0])).toEqual(['b', 'c']);
    expect(read.notice).toBe(
      'Left out the 1 oldest lines: the rest is as much as the portal returns at once.',
    );
  });

  it('gives up at the deadline with words, and aborts the request (a fake stream that never ends: a hang a real engine does not make on demand)', async () => {
    let signal: AbortSignal | undefined;
    const hung = new PassThrough();
    const read = readLogLines({
      open: async (_options, s) => {
        signal = s;
        s.addEventListener('abort', () => hung.destroy(new Error('aborted')));
        return hung;
      },
      tty: true,
      lines: 10,
      limits,
      deadlineMs: 50,
    });
    await expect(read).rejects.toThrow(ServiceUnavailableError);
    await expect(read).rejects.toThrow(
      'Docker did not send the log within 1 s. Try again in a moment, or ask for fewer lines.',
    );
    expect(signal?.aborted).toBe(true);
  });
});
