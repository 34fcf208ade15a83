import { mockServices } from '@backstage/backend-test-utils';
import { StatsSample } from '@docker-services/backstage-plugin-docker-services-common';
import { PassThrough } from 'node:stream';
import { SampleListener } from './StatsSampler';
import { StatsSamplers, TooManySamplersError } from './StatsSamplers';

/** FAKE (named): Docker's stats streams, written by the test, one reading a line. */
function fakeEngine() {
  const streams: Array<{
    id: string;
    stream: PassThrough;
    signal: AbortSignal;
  }> = [];
  const open = (id: string) => async (signal: AbortSignal) => {
    const stream = new PassThrough();
    streams.push({ id, stream, signal });
    signal.addEventListener('abort', () => stream.destroy(), { once: true });
    return stream;
  };
  const openNow = () => streams.filter(s => !s.signal.aborted);
  /** Writes one reading `second` seconds after the start, with `cpu` ticks used so far. */
  const read = (id: string, second: number, cpu = second * 100) => {
    const time = new Date(Date.UTC(2026, 0, 1, 0, 0, second)).toISOString();
    for (const s of openNow().filter(x => x.id === id)) {
      s.stream.write(
        `${JSON.stringify({
          read: time,
          cpu_stats: {
            cpu_usage: { total_usage: cpu },
            system_cpu_usage: second * 1000,
            online_cpus: 1,
          },
          precpu_stats: { cpu_usage: { total_usage: 0 } },
          memory_stats: { usage: 100, limit: 1000 },
          networks: { eth0: { rx_bytes: second * 10, tx_bytes: second } },
        })}\n`,
      );
    }
  };
  return { streams, open, openNow, read };
}

function viewer() {
  const samples: StatsSample[] = [];
  const ends: Array<string | undefined> = [];
  const listener: SampleListener = {
    sample: s => samples.push(s),
    end: m => ends.push(m),
  };
  return { samples, ends, listener };
}

const flush = () => new Promise(r => setImmediate(r));
const until = async (check: () => boolean) => {
  for (let i = 0; i < 200 && !check(); i++) await flush();
  expect(check()).toBe(true);
};

function samplers(
  settings: Partial<{
    maxContainers: number;
    graceSeconds: number;
    windowSeconds: number;
  }> = {},
) {
  return new StatsSamplers({
    settings: {
      maxContainers: 50,
      intervalSeconds: 2,
      graceSeconds: 10,
      windowSeconds: 900,
      ...settings,
    },
    logger: mockServices.logger.mock(),
  });
}

const target = (engine: ReturnType<typeof fakeEngine>, id: string) => ({
  host: 'local',
  id,
  name: `c-${id}`,
  open: engine.open(id),
});

describe('StatsSamplers', () => {
  afterEach(() => jest.useRealTimers());

  it('opens one Docker stream for five viewers, and each hears every sample', async () => {
    const engine = fakeEngine();
    const registry = samplers();
    const viewers = Array.from({ length: 5 }, () => viewer());
    const watching = viewers.map(v =>
      registry.watch(target(engine, 'a'), v.listener),
    );
    await until(() => engine.streams.length === 1);
    // Readings every second; a sample every two (the first is the base).
    for (let second = 0; second <= 4; second++) engine.read('a', second);
    await until(() => viewers.every(v => v.samples.length === 2));
    expect(engine.streams).toHaveLength(1);
    expect(registry.size).toBe(1);
    expect(viewers[0].samples.map(s => s.time)).toEqual([
      '2026-01-01T00:00:02.000Z',
      '2026-01-01T00:00:04.000Z',
    ]);
    // 200 ticks of 2 000: 10 %; 20 bytes in per second.
    expect(viewers[0].samples[0]).toMatchObject({
      cpuPercent: 10,
      networkInBytesPerSecond: 10,
      networkOutBytesPerSecond: 1,
      memoryUsedBytes: 100,
      memoryLimitBytes: 1000,
    });
    // A sixth viewer gets the history at once.
    expect(
      registry.watch(target(engine, 'a'), viewer().listener).history,
    ).toHaveLength(2);
    watching.forEach(w => w.leave());
  });

  it('stops the stream a grace period after the last viewer left, unless someone comes back', async () => {
    jest.useFakeTimers({ doNotFake: ['setImmediate', 'nextTick'] });
    const engine = fakeEngine();
    const registry = samplers({ graceSeconds: 10 });
    const first = registry.watch(target(engine, 'a'), viewer().listener);
    const second = registry.watch(target(engine, 'a'), viewer().listener);
    await until(() => engine.streams.length === 1);
    first.leave();
    second.leave();
    jest.advanceTimersByTime(9_000);
    expect(engine.openNow()).toHaveLength(1);
    // Back within the grace: the same stream.
    const back = registry.watch(target(engine, 'a'), viewer().listener);
    // Readings keep arriving (a stream silent for 20 s counts as dead).
    for (let at = 1; at <= 30; at++) {
      engine.read('a', at);
      await flush();
      jest.advanceTimersByTime(1_000);
    }
    expect(engine.openNow()).toHaveLength(1);
    engine.read('a', 31);
    await flush();
    back.leave();
    back.leave(); // leaving twice counts once
    jest.advanceTimersByTime(10_000);
    expect(engine.openNow()).toHaveLength(0);
    expect(registry.size).toBe(0);
    expect(engine.streams).toHaveLength(1);
  });

  it('measures at most maxContainers at once; an idle one gives way, a watched one never', async () => {
    const engine = fakeEngine();
    const registry = samplers({ maxContainers: 2 });
    const a = registry.watch(target(engine, 'a'), viewer().listener);
    registry.watch(target(engine, 'b'), viewer().listener);
    let refused: unknown;
    try {
      registry.watch(target(engine, 'c'), viewer().listener);
    } catch (error) {
      refused = error;
    }
    expect(refused).toBeInstanceOf(TooManySamplersError);
    expect(refused).toMatchObject({
      statusCode: 429,
      retryAfterSeconds: 60,
      message:
        'Live charts are already open for 2 containers, the most this portal measures at once. Close the details of a container elsewhere, or try again in a minute.',
    });
    a.leave(); // a is idle now, in its grace period
    registry.watch(target(engine, 'c'), viewer().listener);
    await until(
      () =>
        engine
          .openNow()
          .map(s => s.id)
          .sort()
          .join() === 'b,c',
    );
    expect(registry.size).toBe(2);
  });

  it('keeps at most a window of samples, however long it runs', async () => {
    const engine = fakeEngine();
    const registry = samplers({ windowSeconds: 10 });
    const v = viewer();
    registry.watch(target(engine, 'a'), v.listener);
    await until(() => engine.streams.length === 1);
    for (let second = 0; second <= 40; second += 2) engine.read('a', second);
    await until(() => v.samples.length === 20);
    const history = registry.watch(
      target(engine, 'a'),
      viewer().listener,
    ).history;
    expect(history.map(s => s.time.slice(17, 19))).toEqual([
      '32',
      '34',
      '36',
      '38',
      '40',
    ]);
  });

  it('tells the viewers when the container stops, and forgets it', async () => {
    const engine = fakeEngine();
    const registry = samplers();
    const v = viewer();
    registry.watch(target(engine, 'a'), v.listener);
    await until(() => engine.streams.length === 1);
    engine.streams[0].stream.end();
    await until(() => v.ends.length === 1);
    expect(v.ends).toEqual(['c-a stopped, so its charts stop here.']);
    expect(registry.size).toBe(0);
  });

  it('stops every stream on shutdown, ending its viewers without a word (so they reconnect)', async () => {
    const engine = fakeEngine();
    const registry = samplers();
    const v = viewer();
    registry.watch(target(engine, 'a'), v.listener);
    registry.watch(target(engine, 'b'), viewer().listener);
    await until(() => engine.streams.length === 2);
    registry.stopAll();
    expect(engine.openNow()).toHaveLength(0);
    await flush();
    expect(v.ends).toEqual([undefined]);
    expect(() =>
      registry.watch(target(engine, 'a'), viewer().listener),
    ).toThrow();
  });
});
