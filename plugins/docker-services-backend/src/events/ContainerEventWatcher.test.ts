import {
  ID_A,
  ID_B,
  fakeEventsHost,
  eventLine,
  until,
  watcherOver,
} from '../__testUtils__/eventWatcherFixtures';

// Passing on what Docker reports, and catching up after an interruption.
describe('ContainerEventWatcher', () => {
  it('passes on container changes, split across chunks, and nothing else', async () => {
    const fake = fakeEventsHost();
    fake.plan.push({ kind: 'stream' });
    const { watcher, events } = watcherOver(fake);
    watcher.start();
    await until(() => fake.streams.length === 1, 'the stream');
    const line = eventLine(ID_A, 'die', '1795853149863414224', {
      'docker-services.entity': 'component:default/shop',
      name: 'ünïcode',
    });
    const bytes = Buffer.from(line);
    // Split inside a two-byte character.
    const cut = bytes.indexOf(Buffer.from('ü')) + 1;
    fake.streams[0].write(bytes.subarray(0, cut));
    fake.streams[0].write(bytes.subarray(cut));
    fake.streams[0].write(
      eventLine(ID_B, 'exec_start: sh', '1795853149863414225'),
    );
    fake.streams[0].write('not json\n');
    fake.streams[0].write(
      eventLine('not-an-id', 'start', '1795853149863414226'),
    );
    fake.streams[0].write(
      eventLine(ID_B, 'health_status: healthy', '1795853149863414227'),
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
        timeNano: '1795853149863414224',
      },
      {
        host: 'fake',
        id: ID_B,
        action: 'health_status: healthy',
        labels: {},
        timeNano: '1795853149863414227',
      },
    ]);
    await watcher.stop();
  });

  it('reconnects by itself and catches up from just after the last event seen', async () => {
    const fake = fakeEventsHost();
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
    fake.streams[0].write(eventLine(ID_A, 'start', '1795853149000000001'));
    // A later event of a kind not passed on still moves the mark.
    fake.streams[0].write(eventLine(ID_A, 'top', '1795853149999999999'));
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
    fake.streams[1].write(eventLine(ID_B, 'die', '1795853151000000000'));
    await until(() => events.length === 2, 'the event after reconnecting');
    expect(events[1]).toMatchObject({ id: ID_B, action: 'die' });
    await watcher.stop();
  });

  it('catches up from the time the stream was opened when it saw no event', async () => {
    const fake = fakeEventsHost();
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
    const fake = fakeEventsHost();
    fake.plan.push({ kind: 'stream' });
    const { watcher } = watcherOver(fake);
    watcher.start();
    await until(() => fake.streams.length === 1, 'the first stream');
    fake.streams[0].write(eventLine(ID_A, 'start', '1795853149000000001'));
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
});
