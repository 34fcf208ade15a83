import {
  setUpIndex as setUp,
  SHOP,
  until,
} from '../__testUtils__/indexFixture';

describe('ContainerIndex refreshes', () => {
  it('inspects again in a reconcile only the containers whose list entry changed', async () => {
    const { host, index } = setUp();
    const web = host.add({ name: 'web', labels: SHOP, state: 'running' });
    const api = host.add({ name: 'api', labels: SHOP, state: 'running' });
    await index.start();
    web.state = 'exited';
    host.calls.length = 0;
    await index.onResync('local');
    expect(host.calls.filter(c => c.startsWith('inspect'))).toEqual([
      `inspect ${web.id}`,
    ]);
    expect(index.find('local', api.id)!.inspected).toBeDefined();
    await index.stop();
  });

  it('is not live after a failed refresh until a reconcile succeeded, and keeps what it knew', async () => {
    const { host, index } = setUp();
    const web = host.add({ name: 'web', labels: SHOP });
    await index.start();
    await index.onStreamUp('local');
    host.failWith = new Error('connect ECONNREFUSED');
    await index.onEvent({
      host: 'local',
      id: web.id,
      action: 'die',
      labels: SHOP,
    });
    expect(index.view('local')!.live).toBe(false);
    expect(index.find('local', web.id)).toBeDefined();
    // It tries again by itself, soon.
    host.failWith = undefined;
    await until(
      () => index.view('local')!.live,
      'a reconcile after the failure',
    );
    await index.stop();
  });

  it('tries again soon when a refresh failed while a reconcile was under way', async () => {
    const { host, index } = setUp();
    const web = host.add({ name: 'web', labels: SHOP });
    await index.start();
    await index.onStreamUp('local');
    const release = host.hold(/^list docker-services.entity$/);
    const reconcile = index.onResync('local');
    await until(
      () => host.calls.includes('list docker-services.entity'),
      'the list',
    );
    host.failWith = new Error('connect ECONNREFUSED');
    await index.onEvent({
      host: 'local',
      id: web.id,
      action: 'die',
      labels: SHOP,
    });
    host.failWith = undefined;
    release();
    await reconcile;
    // That reconcile began before the failure, so it does not count…
    expect(index.view('local')!.live).toBe(false);
    // …and the next one comes after the retry delay, not the interval.
    await until(
      () => index.view('local')!.live,
      'a reconcile after the failure',
    );
    await index.stop();
  });

  it('reconciles at its interval without being asked', async () => {
    const { host, index } = setUp({ reconcileIntervalMs: 10 });
    await index.start();
    const quiet = host.add({ name: 'quiet', labels: SHOP });
    await until(
      () => index.find('local', quiet.id) !== undefined,
      'the next reconcile',
    );
    await index.stop();
    const calls = host.calls.length;
    await new Promise(r => setTimeout(r, 50));
    expect(host.calls.length).toBe(calls);
  });

  describe('liveness: the engine is pinged', () => {
    it('is not live from a late ping until pings are answered again and a reconcile ran, though lists still answer', async () => {
      const outages: string[] = [];
      const { host, index } = setUp({
        pingIntervalMs: 10,
        onUnreachable: name => outages.push(name),
      });
      host.pingTimeoutMs = 30;
      const web = host.add({ name: 'web', labels: SHOP });
      await index.start();
      await index.onStreamUp('local');
      await until(() => host.pings > 0, 'a ping');
      expect(index.view('local')).toMatchObject({
        live: true,
        reachable: true,
      });

      // A frozen engine: the stream stays open, pings get no answer.
      const release = host.hold(/^ping$/);
      await until(() => !index.view('local')!.live, 'a late ping');
      expect(index.view('local')!.reachable).toBe(false);
      // What it knew is kept, for when it is live again.
      expect(index.find('local', web.id)).toBeDefined();
      // Reconciles that succeed meanwhile do not make it live.
      await index.onResync('local');
      await new Promise(r => setTimeout(r, 100));
      expect(index.view('local')!.live).toBe(false);
      // Told once for the whole outage, though every ping was late.
      expect(outages).toEqual(['local']);

      host.calls.length = 0;
      const pings = host.pings;
      release();
      await until(() => index.view('local')!.live, 'live again');
      expect(host.pings).toBeGreaterThan(pings);
      // It reconciled once the ping was answered.
      expect(host.calls).toContain('list docker-services.entity');
      expect(outages).toEqual(['local']);
      await index.stop();
    });

    it('is not live while pings fail (an engine gone) and live again once they answer', async () => {
      const { host, index } = setUp({ pingIntervalMs: 10 });
      await index.start();
      await index.onStreamUp('local');
      expect(index.view('local')!.live).toBe(true);
      host.failWith = new Error('connect ENOENT /var/run/docker.sock');
      await until(() => !index.view('local')!.reachable, 'a failed ping');
      expect(index.view('local')!.live).toBe(false);
      host.failWith = undefined;
      await until(() => index.view('local')!.live, 'live again');
      await index.stop();
    });

    it('stops pinging when stopped', async () => {
      const { host, index } = setUp({ pingIntervalMs: 10 });
      await index.start();
      await until(() => host.pings > 1, 'pings');
      await index.stop();
      const pings = host.pings;
      await new Promise(r => setTimeout(r, 100));
      expect(host.pings).toBe(pings);
    });
  });
});
