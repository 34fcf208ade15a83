import { EngineWatch, EngineWatchEvents } from './EngineWatch';

describe('EngineWatch', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  function watch(check: () => Promise<unknown>) {
    const said: string[] = [];
    const events: EngineWatchEvents = {
      heartbeat: () => said.push('heartbeat'),
      firstLull: () => said.push('firstLull'),
      engineSilent: () => said.push('engineSilent'),
      engineBack: () => said.push('engineBack'),
      engineGone: () => said.push('engineGone'),
    };
    let lastWrite = Date.now();
    const w = new EngineWatch({
      events,
      check,
      heartbeatMs: 1000,
      stalledMs: 5000,
      lastWriteAt: () => lastWrite,
    });
    events.heartbeat = () => {
      said.push('heartbeat');
      lastWrite = Date.now();
    };
    w.start();
    return { w, said };
  }

  it('sends heartbeats and keeps a quiet container whose engine answers', async () => {
    const check = jest.fn().mockResolvedValue(undefined);
    const { w, said } = watch(check);
    await jest.advanceTimersByTimeAsync(20_000);
    w.stop();
    expect(said.filter(s => s === 'heartbeat').length).toBeGreaterThanOrEqual(
      15,
    );
    expect(said).not.toContain('engineSilent');
    expect(said).not.toContain('engineGone');
    expect(check).toHaveBeenCalled();
  });

  it('says when the engine stops answering, and ends the follow at the deadline', async () => {
    // A check that hangs for half the deadline counts as unanswered.
    const { w, said } = watch(() => new Promise(() => {}));
    await jest.advanceTimersByTimeAsync(4000);
    expect(said).toContain('engineSilent');
    expect(said).not.toContain('engineGone');
    await jest.advanceTimersByTimeAsync(2000);
    expect(said.filter(s => s === 'engineGone')).toHaveLength(1);
    expect(said.filter(s => s === 'engineSilent')).toHaveLength(1);
    await jest.advanceTimersByTimeAsync(5000);
    expect(said.filter(s => s === 'engineGone')).toHaveLength(1);
    w.stop();
  });

  it('says when the engine answers again, and data counts as an answer', async () => {
    let answer = false;
    const { w, said } = watch(() =>
      answer ? Promise.resolve() : Promise.reject(new Error('down')),
    );
    await jest.advanceTimersByTimeAsync(2500);
    expect(said).toContain('engineSilent');
    w.dataArrived();
    expect(said[said.length - 1]).toBe('engineBack');
    answer = true;
    await jest.advanceTimersByTimeAsync(10_000);
    expect(said).not.toContain('engineGone');
    w.stop();
  });
});
