import { Readable } from 'node:stream';
import { LAST_LINES, readLastLines } from './readLastLines';

/** A TTY container's log as Docker sends it: one raw stream, each line after its time. */
function ttyLog(lines: Array<[second: number, text: string]>) {
  const at = (s: number) =>
    `2026-12-06T10:00:${String(s).padStart(2, '0')}.000000000Z`;
  return Readable.from([
    Buffer.from(lines.map(([s, l]) => `${at(s)} ${l}\r\n`).join('')),
  ]);
}

describe('readLastLines', () => {
  it('asks Docker for the lines up to the end, and drops those written after it (a later run of the same container)', async () => {
    const open = jest.fn(async () =>
      ttyLog([
        [1, 'starting'],
        [2, 'out of memory'],
        [9, 'restarted'],
      ]),
    );
    const lines = await readLastLines({
      open,
      tty: true,
      until: '2026-12-06T10:00:02.500Z',
      timeoutMs: 5000,
    });
    expect(open).toHaveBeenCalledWith(
      expect.objectContaining({
        follow: false,
        timestamps: true,
        until: String(
          Math.ceil(Date.parse('2026-12-06T10:00:02.500Z') / 1000) + 1,
        ),
      }),
      expect.any(AbortSignal),
    );
    expect(lines.map(l => l.line)).toEqual(['starting', 'out of memory']);
  });

  it(`keeps only the newest ${LAST_LINES} lines`, async () => {
    const written = Array.from(
      { length: 30 },
      (_, i) => [i, `line ${i}`] as [number, string],
    );
    const lines = await readLastLines({
      open: async () => ttyLog(written),
      tty: true,
      timeoutMs: 5000,
    });
    expect(lines.map(l => l.line)).toEqual(
      written.slice(-LAST_LINES).map(([, l]) => l),
    );
  });
});
