import { RefreshQueue } from './RefreshQueue';

/** A queue whose looks finish only when the test says so. */
function gatedQueue(concurrency: number) {
  const looks: Array<{ key: string; item: number; finish: () => void }> = [];
  let active = 0;
  let mostActive = 0;
  const queue = new RefreshQueue<number>({
    concurrency,
    work: (key, item) =>
      new Promise<void>(resolve => {
        active++;
        mostActive = Math.max(mostActive, active);
        looks.push({
          key,
          item,
          finish: () => {
            active--;
            resolve();
          },
        });
      }),
  });
  return { queue, looks, mostActive: () => mostActive };
}

const settle = () => new Promise(r => setImmediate(r));

describe('RefreshQueue', () => {
  it('looks at a waiting key once, with its latest item, however often it was named', async () => {
    const { queue, looks } = gatedQueue(1);
    const first = queue.add('a', 1);
    const waiting = [queue.add('b', 1), queue.add('b', 2), queue.add('b', 3)];
    await settle();
    looks[0].finish();
    await first;
    await settle();
    expect(looks.map(l => `${l.key}${l.item}`)).toEqual(['a1', 'b3']);
    looks[1].finish();
    await Promise.all(waiting);
  });

  it('looks again at a key named while it was being looked at', async () => {
    const { queue, looks } = gatedQueue(2);
    const first = queue.add('a', 1);
    await settle();
    let secondDone = false;
    const second = queue.add('a', 2).then(() => (secondDone = true));
    looks[0].finish();
    await first;
    await settle();
    expect(secondDone).toBe(false);
    expect(looks.map(l => `${l.key}${l.item}`)).toEqual(['a1', 'a2']);
    looks[1].finish();
    await second;
  });

  it('never has more looks under way than its concurrency, and drains', async () => {
    const { queue, looks, mostActive } = gatedQueue(3);
    const all = Array.from({ length: 10 }, (_, i) => queue.add(`k${i}`, i));
    for (let finished = 0; finished < 10; finished++) {
      await settle();
      looks[finished].finish();
    }
    await Promise.all(all);
    await queue.idle();
    expect(mostActive()).toBe(3);
    expect(looks).toHaveLength(10);
  });

  it('drop() forgets a waiting key and resolves its callers', async () => {
    const { queue, looks } = gatedQueue(1);
    queue.add('a', 1);
    const dropped = queue.add('b', 1);
    queue.drop('b');
    await dropped;
    await settle();
    looks[0].finish();
    await queue.idle();
    expect(looks.map(l => l.key)).toEqual(['a']);
  });
});
