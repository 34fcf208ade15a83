import { SharedAnswers } from './SharedAnswers';

describe('SharedAnswers', () => {
  it('loads once per key per ttl, sharing an answer in flight, and forgets failures', async () => {
    let now = 0;
    const answers = new SharedAnswers<number>({
      ttlMs: 1000,
      maxEntries: 10,
      now: () => now,
    });
    const load = jest.fn(async () => now);
    const [a, b] = await Promise.all([
      answers.get('x', load),
      answers.get('x', load),
    ]);
    expect([a, b, load.mock.calls.length]).toEqual([0, 0, 1]);
    now = 999;
    await expect(answers.get('x', load)).resolves.toBe(0);
    now = 1000;
    await expect(answers.get('x', load)).resolves.toBe(1000);
    expect(load).toHaveBeenCalledTimes(2);

    const failing = jest.fn(async () => {
      throw new Error('down');
    });
    await expect(answers.get('y', failing)).rejects.toThrow('down');
    await expect(answers.get('y', failing)).rejects.toThrow('down');
    expect(failing).toHaveBeenCalledTimes(2);
  });

  it('keeps at most maxEntries answers, dropping the oldest', async () => {
    const answers = new SharedAnswers<string>({ ttlMs: 60_000, maxEntries: 2 });
    const load = jest.fn(async () => 'v');
    for (const key of ['a', 'b', 'c']) await answers.get(key, load);
    await answers.get('c', load);
    await answers.get('b', load);
    expect(load).toHaveBeenCalledTimes(3);
    await answers.get('a', load);
    expect(load).toHaveBeenCalledTimes(4);
  });
});
