import { DemuxEvent } from './LogDemuxer';
import { LogMerger, MergedItem, MergeSource, timeKey } from './LogMerger';

const at = (second: number, nanos = 0) =>
  `2026-12-05T10:00:${String(second).padStart(2, '0')}.${String(nanos).padStart(
    9,
    '0',
  )}Z`;
const line = (time: string, text: string): DemuxEvent => ({
  stream: 'stdout',
  time,
  line: text,
});

const err = (time: string, text: string): DemuxEvent => ({
  stream: 'stderr',
  time,
  line: text,
});

/** A source that gives its batches one by one, then ends. */
function batches(...list: DemuxEvent[][]): MergeSource {
  const left = [...list];
  return async () => left.shift();
}

async function collect(merger: LogMerger): Promise<MergedItem[]> {
  const out: MergedItem[] = [];
  for await (const batch of merger.items()) out.push(...batch);
  return out;
}

const texts = (items: MergedItem[]) =>
  items.map(i => ('event' in i && 'line' in i.event ? i.event.line : 'end'));

/** The texts of the merged events of a read ('end' for an error event). */
const readMerged = async (sources: MergeSource[]) =>
  texts((await collect(new LogMerger({ sources }))).filter(i => 'event' in i));

describe('LogMerger', () => {
  it('interleaves the sources by Docker’s time, whatever their batches', async () => {
    const merger = new LogMerger({
      sources: [
        batches([line(at(1), 'a1'), line(at(3), 'a3')], [line(at(5, 1), 'a5')]),
        batches([line(at(2), 'b2')], [line(at(5), 'b5'), line(at(6), 'b6')]),
        batches(),
      ],
    });
    const items = await collect(merger);
    expect(texts(items.filter(i => 'event' in i))).toEqual([
      'a1',
      'b2',
      'a3',
      'b5',
      'a5',
      'b6',
    ]);
    // Each source's end is said once, after its last line.
    expect(items.filter(i => 'ended' in i).map(i => i.source)).toEqual([
      2, 0, 1,
    ]);
  });

  it('compares nanoseconds, and gives ties to the first source', async () => {
    expect(
      await readMerged([
        batches([line(at(1, 900), 'a'), line(at(1, 1000), 'a2')]),
        batches([line(at(1, 900), 'b'), line(at(1, 901), 'b2')]),
      ]),
    ).toEqual(['a', 'b', 'b2', 'a2']);
  });

  it('orders one container’s stdout and stderr by time, errors staying in place', async () => {
    // Docker reads the two pipes apart: a stderr line written 0.6 µs after a
    // stdout line may come first.
    expect(
      await readMerged([
        batches([
          err(at(1, 970638), 'err 0'),
          line(at(1, 969996), 'out 0'),
          { event: 'error', message: 'cut' },
          line(at(2, 5), 'out 1'),
          err(at(2, 1), 'err 1'),
        ]),
      ]),
    ).toEqual(['out 0', 'err 0', 'end', 'err 1', 'out 1']);
  });

  it('orders a container’s stdout and stderr by time across Docker’s chunks', async () => {
    // The stderr line written 0.6 µs before the stdout line came in the
    // next chunk.
    expect(
      await readMerged([
        batches(
          [line(at(1), 'out 0'), line(at(2, 600), 'out 1')],
          [err(at(2), 'err 1'), line(at(3), 'out 2')],
        ),
        batches([line(at(2, 300), 'other')]),
      ]),
    ).toEqual(['out 0', 'err 1', 'other', 'out 1', 'out 2']);
  });

  it('while following, a container’s latest line waits at most 50 ms for its next chunk', async () => {
    let now = 0;
    let calls = 0;
    // One line, then a container that writes nothing more (and never ends).
    const source: MergeSource = () =>
      calls++ === 0
        ? Promise.resolve([line(at(1), 'a1')])
        : new Promise(() => {});
    const merger = new LogMerger({
      sources: [source],
      windowMs: 500,
      now: () => now,
    });
    let given: MergedItem[] | undefined;
    const first = merger
      .items()
      .next()
      .then(r => (given = r.value as MergedItem[]));
    const pause = () => new Promise(resolve => setTimeout(resolve, 80));
    await new Promise(resolve => setImmediate(resolve));
    now = 49;
    await pause();
    expect(given).toBeUndefined();
    // Its hold ends long before the 500 ms window.
    now = 50;
    await first;
    expect(texts(given!)).toEqual(['a1']);
  }, 10_000);

  it('says a source’s failure as its end, and goes on with the others', async () => {
    const merger = new LogMerger({
      sources: [
        async () => {
          throw new Error('socket closed');
        },
        batches([line(at(1), 'b1')]),
      ],
    });
    const items = await collect(merger);
    expect(items).toContainEqual({
      source: 0,
      ended: true,
      error: new Error('socket closed'),
    });
    expect(texts(items.filter(i => 'event' in i))).toEqual(['b1']);
  });

  it('while following, gives lines out after the window when a source is quiet', async () => {
    let release: (events: DemuxEvent[] | undefined) => void = () => {};
    const quiet: MergeSource = () => new Promise(r => (release = r));
    const merger = new LogMerger({
      sources: [batches([line(at(1), 'a1')]), quiet],
      windowMs: 20,
    });
    const iterator = merger.items();
    const first = await iterator.next();
    // The quiet source has not written: a1 still came, after the window,
    // with its source's end (read while a1 waited for a next chunk).
    expect(first.value).toEqual([
      { source: 0, event: line(at(1), 'a1') },
      { source: 0, ended: true },
    ]);
    const next = iterator.next();
    release([line(at(0), 'late')]);
    // A line older than one already given out comes after it: said in words
    // in the README, the price of not waiting for ever on a quiet container.
    expect(texts((await next).value as MergedItem[])).toEqual(['late']);
    const last = iterator.next();
    await new Promise(resolve => setImmediate(resolve));
    release(undefined);
    expect((await last).value).toEqual([{ source: 1, ended: true }]);
    expect((await iterator.next()).done).toBe(true);
  }, 10_000);

  it('reads Docker’s times as numbers, and an error without a time first', () => {
    expect(timeKey(line('2026-12-05T10:00:01.5Z', 'x'))).toEqual([
      Date.parse('2026-12-05T10:00:01Z') / 1000,
      500_000_000,
    ]);
    expect(timeKey({ event: 'error', message: 'x' })[0]).toBe(-Infinity);
  });
});
