import { mockServices } from '@backstage/backend-test-utils';
import { PassThrough } from 'node:stream';
import { DockerHost } from '../docker/DockerHost';
import { ContainerEvent, ContainerEventWatcher } from './ContainerEventWatcher';

const ID_A = 'a'.repeat(64);
const ID_B = 'b'.repeat(64);

/** What the fake engine does with the next connection attempt. */
type Next =
  | { kind: 'fail' }
  | { kind: 'stream'; headers?: Record<string, string> }
  | { kind: 'hang' };

/**
 * A DockerHost whose only working call is containerEvents, scripted per
 * attempt: fail, hang until aborted, or open a stream the test writes to.
 */
function fakeHost(name = 'fake') {
  const plan: Next[] = [];
  const attempts: Array<{ since?: string; signal: AbortSignal }> = [];
  const streams: PassThrough[] = [];
  const unsupported = () => Promise.reject(new Error('not in this fake'));
  const host: DockerHost = {
    name,
    listContainers: unsupported,
    inspectContainer: unsupported,
    ping: unsupported,
    startContainer: unsupported,
    stopContainer: unsupported,
    restartContainer: unsupported,
    containerLogs: unsupported,
    containerStats: unsupported,
    containerEvents: async (signal, options) => {
      attempts.push({ since: options?.since, signal });
      const next = plan.shift() ?? { kind: 'hang' };
      if (next.kind === 'fail') {
        const error = new Error('connect ECONNREFUSED') as Error & {
          code: string;
        };
        error.code = 'ECONNREFUSED';
        throw error;
      }
      if (next.kind === 'hang') {
        return new Promise((_, reject) => {
          const abort = () => {
            const error = new Error('aborted');
            error.name = 'AbortError';
            reject(error);
          };
          if (signal.aborted) abort();
          signal.addEventListener('abort', abort, { once: true });
        });
      }
      const stream = new PassThrough();
      Object.assign(stream, { headers: next.headers ?? {} });
      signal.addEventListener(
        'abort',
        () => {
          const error = new Error('aborted');
          error.name = 'AbortError';
          stream.destroy(error);
        },
        { once: true },
      );
      streams.push(stream);
      return stream;
    },
  };
  return { host, plan, attempts, streams };
}

function event(
  id: string,
  action: string,
  timeNano: string,
  labels: Record<string, string> = {},
) {
  return `${JSON.stringify({
    Type: 'container',
    Action: action,
    Actor: { ID: id, Attributes: labels },
    time: Number(timeNano.slice(0, -9)),
  }).slice(0, -1)},"timeNano":${timeNano}}\n`;
}

async function until(condition: () => boolean, what: string) {
  for (let i = 0; i < 200 && !condition(); i++) {
    await new Promise(r => setTimeout(r, 10));
  }
  if (!condition()) throw new Error(`Timed out waiting for ${what}`);
}

function watcherOver(
  fake: ReturnType<typeof fakeHost>,
  extra: {
    onResync?: (host: string) => void;
    onConnect?: (host: string) => void;
    onDisconnect?: (host: string) => void;
  } = {},
) {
  const events: ContainerEvent[] = [];
  const waits: number[] = [];
  const watcher = new ContainerEventWatcher({
    hosts: [fake.host],
    onEvent: async e => void events.push(e),
    logger: mockServices.logger.mock(),
    retryDelaysMs: [100, 200, 300],
    wait: async (ms, signal) => {
      waits.push(ms);
      // Yield, so that a test sees each attempt; the delay itself is not waited.
      await new Promise(r => setTimeout(r, signal.aborted ? 0 : 5));
    },
    ...extra,
  });
  return { watcher, events, waits };
}

describe('ContainerEventWatcher', () => {
  it('passes on container changes, split across chunks, and nothing else', async () => {
    const fake = fakeHost();
    fake.plan.push({ kind: 'stream' });
    const { watcher, events } = watcherOver(fake);
    watcher.start();
    await until(() => fake.streams.length === 1, 'the stream');
    const line = event(ID_A, 'die', '1795853149863414224', {
      'docker-services.entity': 'component:default/shop',
      name: 'ünïcode',
    });
    const bytes = Buffer.from(line);
    // Split inside a two-byte character.
    const cut = bytes.indexOf(Buffer.from('ü')) + 1;
    fake.streams[0].write(bytes.subarray(0, cut));
    fake.streams[0].write(bytes.subarray(cut));
    fake.streams[0].write(event(ID_B, 'exec_start: sh', '1795853149863414225'));
    fake.streams[0].write('not json\n');
    fake.streams[0].write(event('not-an-id', 'start', '1795853149863414226'));
    fake.streams[0].write(
      event(ID_B, 'health_status: healthy', '1795853149863414227'),
    );
    await until(() => events.length === 2, 'two events');
    expect(events).toEqual([
      {
        host: 'fake',
        id: ID_A,
        action: 'die',
        labels: {
          'docker-services.entity': 'component:default/shop',
          name: 'ünïcode',
        },
      },
      { host: 'fake', id: ID_B, action: 'health_status: healthy', labels: {} },
    ]);
    await watcher.stop();
  });

  it('reconnects by itself and catches up from just after the last event seen', async () => {
    const fake = fakeHost();
    const resyncs: string[] = [];
    fake.plan.push(
      { kind: 'stream' },
      { kind: 'fail' },
      { kind: 'fail' },
      { kind: 'stream' },
    );
    const { watcher, events, waits } = watcherOver(fake, {
      onResync: host => void resyncs.push(host),
    });
    watcher.start();
    await until(() => fake.streams.length === 1, 'the first stream');
    expect(fake.attempts[0].since).toBeUndefined();
    fake.streams[0].write(event(ID_A, 'start', '1795853149000000001'));
    // A later event of a kind not passed on still moves the mark.
    fake.streams[0].write(event(ID_A, 'top', '1795853149999999999'));
    await until(() => events.length === 1, 'the first event');
    expect(resyncs).toEqual([]);

    // The engine goes away: the stream breaks, two attempts fail.
    fake.streams[0].destroy(
      Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' }),
    );
    await until(() => fake.streams.length === 2, 'the second stream');
    expect(fake.attempts.map(a => a.since)).toEqual([
      undefined,
      '1795853150.000000000',
      '1795853150.000000000',
      '1795853150.000000000',
    ]);
    // Back-off grows while attempts fail.
    expect(waits).toEqual([100, 200, 300]);
    // Back on: told once to refresh, and events flow again.
    await until(() => resyncs.length === 1, 'the resync');
    expect(resyncs).toEqual(['fake']);
    fake.streams[1].write(event(ID_B, 'die', '1795853151000000000'));
    await until(() => events.length === 2, 'the event after reconnecting');
    expect(events[1]).toMatchObject({ id: ID_B, action: 'die' });
    await watcher.stop();
  });

  it('starts the back-off over once a stream was open again', async () => {
    const fake = fakeHost();
    fake.plan.push(
      { kind: 'fail' },
      { kind: 'fail' },
      { kind: 'stream' },
      { kind: 'fail' },
      { kind: 'stream' },
    );
    const { watcher, waits } = watcherOver(fake);
    watcher.start();
    await until(() => fake.streams.length === 1, 'the first stream');
    fake.streams[0].end();
    await until(() => fake.streams.length === 2, 'the second stream');
    // Two failures (100, 200), the stream ends (reset: 100), one failure (200).
    expect(waits).toEqual([100, 200, 100, 200]);
    await watcher.stop();
  });

  it('catches up from the time the stream was opened when it saw no event', async () => {
    const fake = fakeHost();
    fake.plan.push(
      { kind: 'stream', headers: { date: 'Sat, 28 Nov 2026 08:04:39 GMT' } },
      { kind: 'stream' },
    );
    const { watcher } = watcherOver(fake);
    watcher.start();
    await until(() => fake.streams.length === 1, 'the first stream');
    fake.streams[0].end();
    await until(() => fake.streams.length === 2, 'the second stream');
    const opened = Date.parse('2026-11-28T08:04:39Z') / 1000;
    expect(fake.attempts[1].since).toBe(`${opened - 1}.000000001`);
    await watcher.stop();
  });

  it('starts afresh when the engine refuses the catch-up', async () => {
    const fake = fakeHost();
    fake.plan.push({ kind: 'stream' });
    const { watcher } = watcherOver(fake);
    watcher.start();
    await until(() => fake.streams.length === 1, 'the first stream');
    fake.streams[0].write(event(ID_A, 'start', '1795853149000000001'));
    await new Promise(r => setTimeout(r, 20));
    // The next attempt is answered 400, the one after that opens.
    const original = fake.host.containerEvents;
    let refused = false;
    fake.host.containerEvents = async (signal, options) => {
      if (!refused) {
        refused = true;
        fake.attempts.push({ since: options?.since, signal });
        throw Object.assign(new Error('(HTTP code 400) bad parameter'), {
          statusCode: 400,
        });
      }
      fake.plan.push({ kind: 'stream' });
      return original(signal, options);
    };
    fake.streams[0].end();
    await until(() => fake.streams.length === 2, 'the second stream');
    expect(fake.attempts.map(a => a.since)).toEqual([
      undefined,
      '1795853149.000000002',
      undefined,
    ]);
    await watcher.stop();
  });

  it('tells when a stream opens and when an open one is lost, but not on failed attempts or stop', async () => {
    const fake = fakeHost();
    const told: string[] = [];
    fake.plan.push({ kind: 'stream' }, { kind: 'fail' }, { kind: 'stream' });
    const { watcher } = watcherOver(fake, {
      onConnect: host => void told.push(`up ${host}`),
      onDisconnect: host => void told.push(`down ${host}`),
    });
    watcher.start();
    await until(() => fake.streams.length === 1, 'the first stream');
    expect(told).toEqual(['up fake']);
    fake.streams[0].destroy(new Error('read ECONNRESET'));
    await until(() => fake.streams.length === 2, 'the second stream');
    expect(told).toEqual(['up fake', 'down fake', 'up fake']);
    await watcher.stop();
    expect(told).toEqual(['up fake', 'down fake', 'up fake']);
  });

  it('stop() ends an open stream, a hanging connect and a back-off, and no attempt follows', async () => {
    // Three hosts: one streaming, one whose connect hangs, one between attempts.
    const streaming = fakeHost('streaming');
    streaming.plan.push({ kind: 'stream' });
    const hanging = fakeHost('hanging');
    hanging.plan.push({ kind: 'hang' });
    const failing = fakeHost('failing');
    failing.plan.push({ kind: 'fail' });
    let waiting = 0;
    const watcher = new ContainerEventWatcher({
      hosts: [streaming.host, hanging.host, failing.host],
      onEvent: async () => {},
      logger: mockServices.logger.mock(),
      // The real pause: a long back-off that only stop() cuts short.
      retryDelaysMs: [60_000],
      wait: (ms, signal) => {
        waiting++;
        return new Promise(resolve => {
          const timer = setTimeout(resolve, ms);
          signal.addEventListener(
            'abort',
            () => {
              clearTimeout(timer);
              resolve();
            },
            { once: true },
          );
        });
      },
    });
    watcher.start();
    await until(
      () =>
        streaming.streams.length === 1 &&
        hanging.attempts.length === 1 &&
        waiting === 1,
      'every host in its state',
    );
    await watcher.stop();
    expect(streaming.streams[0].destroyed).toBe(true);
    for (const fake of [streaming, hanging, failing]) {
      expect(fake.attempts.every(a => a.signal.aborted)).toBe(true);
    }
    const attempts = [streaming, hanging, failing].map(f => f.attempts.length);
    await new Promise(r => setTimeout(r, 50));
    expect([streaming, hanging, failing].map(f => f.attempts.length)).toEqual(
      attempts,
    );
    // Starting a stopped watcher does nothing.
    watcher.start();
    await new Promise(r => setTimeout(r, 20));
    expect([streaming, hanging, failing].map(f => f.attempts.length)).toEqual(
      attempts,
    );
  });

  it('drops a silent stream on reconnect() and catches up on a new one', async () => {
    const fake = fakeHost();
    const resyncs: string[] = [];
    fake.plan.push({ kind: 'stream' }, { kind: 'stream' });
    const { watcher, events } = watcherOver(fake, {
      onResync: host => void resyncs.push(host),
    });
    watcher.start();
    await until(() => fake.streams.length === 1, 'the first stream');
    fake.streams[0].write(event(ID_A, 'start', '1795853149000000001'));
    await until(() => events.length === 1, 'the first event');

    // The stream says nothing more (a TCP peer gone without a reset).
    watcher.reconnect('fake');
    await until(() => fake.streams.length === 2, 'a new stream');
    expect(fake.attempts[0].signal.aborted).toBe(true);
    expect(fake.attempts[1].since).toBe('1795853149.000000002');
    await until(() => resyncs.length === 1, 'the resync');
    expect(resyncs).toEqual(['fake']);
    await watcher.stop();
  });
});

