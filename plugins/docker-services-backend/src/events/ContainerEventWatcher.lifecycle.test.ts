import { mockServices } from '@backstage/backend-test-utils';
import {
  ID_A,
  fakeEventsHost,
  eventLine,
  until,
  watcherOver,
} from '../__testUtils__/eventWatcherFixtures';
import { ContainerEventWatcher } from './ContainerEventWatcher';

// Back-off, connect and disconnect notices, stop() and reconnect().
describe('ContainerEventWatcher lifecycle', () => {
  it('starts the back-off over once a stream was open again', async () => {
    const fake = fakeEventsHost();
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

  it('tells when a stream opens and when an open one is lost, but not on failed attempts or stop', async () => {
    const fake = fakeEventsHost();
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
    const streaming = fakeEventsHost('streaming');
    streaming.plan.push({ kind: 'stream' });
    const hanging = fakeEventsHost('hanging');
    hanging.plan.push({ kind: 'hang' });
    const failing = fakeEventsHost('failing');
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
    const fake = fakeEventsHost();
    const resyncs: string[] = [];
    fake.plan.push({ kind: 'stream' }, { kind: 'stream' });
    const { watcher, events } = watcherOver(fake, {
      onResync: host => void resyncs.push(host),
    });
    watcher.start();
    await until(() => fake.streams.length === 1, 'the first stream');
    fake.streams[0].write(eventLine(ID_A, 'start', '1795853149000000001'));
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
