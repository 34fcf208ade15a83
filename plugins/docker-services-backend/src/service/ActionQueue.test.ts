import { ActionQueue } from './ActionQueue';

const flush = () => new Promise(resolve => setImmediate(resolve));

function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>(r => (resolve = r));
  return { promise, resolve };
}

describe('ActionQueue', () => {
  it('runs actions on one key one at a time, in order', async () => {
    const queue = new ActionQueue<string>();
    const order: string[] = [];
    const gate = deferred<void>();
    const first = queue.run('c1', 'stop', async () => {
      order.push('stop:begin');
      await gate.promise;
      order.push('stop:end');
      return 'stopped';
    });
    const second = queue.run('c1', 'start', async () => {
      order.push('start');
      return 'started';
    });
    await flush();
    expect(order).toEqual(['stop:begin']);
    gate.resolve();
    expect(await first.result).toBe('stopped');
    expect(await second.result).toBe('started');
    expect(order).toEqual(['stop:begin', 'stop:end', 'start']);
  });

  it('lets a request join the same action already waiting, instead of queueing a copy', async () => {
    const queue = new ActionQueue<number>();
    const gate = deferred<void>();
    let runs = 0;
    const run = () =>
      queue.run('c1', 'start', async () => {
        runs++;
        await gate.promise;
        return runs;
      });
    // Simultaneous requests share one run.
    const [a, b] = [run(), run()];
    await flush();
    // Requests arriving while it runs wait together behind it, and run once.
    const [c, d, e] = [run(), run(), run()];
    gate.resolve();
    const results = await Promise.all([a, b, c, d, e].map(r => r.result));
    expect(runs).toBe(2);
    expect(results).toEqual([1, 1, 2, 2, 2]);
    expect([a, b, c, d, e].map(r => r.joined)).toEqual([
      false,
      true,
      false,
      true,
      true,
    ]);
  });

  it('keeps keys independent and survives a failing action', async () => {
    const queue = new ActionQueue<string>();
    const failing = queue.run('c1', 'stop', async () => {
      throw new Error('engine said no');
    });
    const other = queue.run('c2', 'stop', async () => 'c2 stopped');
    const next = queue.run('c1', 'start', async () => 'c1 started');
    await expect(failing.result).rejects.toThrow('engine said no');
    expect(await other.result).toBe('c2 stopped');
    expect(await next.result).toBe('c1 started');
  });
});
