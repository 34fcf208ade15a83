import { mapWithConcurrency, withDeadline } from './concurrency';

describe('mapWithConcurrency', () => {
  it('keeps the order with at most `limit` calls in flight', async () => {
    let inFlight = 0;
    let most = 0;
    const results = await mapWithConcurrency([5, 1, 4, 2, 3], 2, async n => {
      inFlight++;
      most = Math.max(most, inFlight);
      await new Promise(r => setTimeout(r, n));
      inFlight--;
      return n * 10;
    });
    expect(results).toEqual([50, 10, 40, 20, 30]);
    expect(most).toBe(2);
  });

  it('starts nothing more once a call failed, and tells the calls in flight', async () => {
    const started: number[] = [];
    const signals: AbortSignal[] = [];
    const items = Array.from({ length: 20 }, (_, i) => i);
    await expect(
      mapWithConcurrency(items, 2, async (n, signal) => {
        started.push(n);
        signals.push(signal);
        if (n === 1) throw new Error('engine gone');
        await new Promise(r => setTimeout(r, 5));
        return n;
      }),
    ).rejects.toThrow('engine gone');
    await new Promise(r => setTimeout(r, 30));
    expect(started).toEqual([0, 1]);
    expect(signals[0].aborted).toBe(true);
  });

  it('stops taking items when the caller gives up', async () => {
    const controller = new AbortController();
    const started: number[] = [];
    const done = mapWithConcurrency(
      [1, 2, 3, 4],
      1,
      async n => {
        started.push(n);
        if (n === 2) controller.abort(new Error('deadline'));
        return n;
      },
      { signal: controller.signal },
    );
    await expect(done).rejects.toThrow('deadline');
    expect(started).toEqual([1, 2]);
  });
});

describe('withDeadline', () => {
  it('answers with the work when it is in time', async () => {
    await expect(withDeadline(Promise.resolve('ok'), 1000)).resolves.toBe('ok');
  });

  it('rejects with a TimeoutError at the deadline, and aborts the work it was given', async () => {
    let seen: AbortSignal | undefined;
    const never = (signal: AbortSignal) => {
      seen = signal;
      return new Promise<string>(() => {});
    };
    await expect(withDeadline(never, 20)).rejects.toMatchObject({
      name: 'TimeoutError',
    });
    expect(seen?.aborted).toBe(true);
    expect(seen?.reason).toMatchObject({ name: 'TimeoutError' });
  });

  it('passes on the work failing, and a function that throws', async () => {
    await expect(
      withDeadline(Promise.reject(new Error('refused')), 1000),
    ).rejects.toThrow('refused');
    await expect(
      withDeadline(() => {
        throw new Error('at once');
      }, 1000),
    ).rejects.toThrow('at once');
  });
});
