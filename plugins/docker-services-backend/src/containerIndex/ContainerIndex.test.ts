import { mockServices } from '@backstage/backend-test-utils';
import { FakeDockerHost } from '../__testUtils__/FakeDockerHost';
import { ContainerBindings } from '../binding/ContainerBindings';
import { toContainerSummary } from '../service/toContainerSummary';
import { ContainerIndex } from './ContainerIndex';

const SHOP = { 'docker-services.entity': 'component:default/shop' };
const RULED = { 'com.docker.compose.project': 'billing' };

function setUp(
  options: {
    reconcileIntervalMs?: number;
    pingIntervalMs?: number;
    onUnreachable?: (host: string) => void;
  } = {},
) {
  const host = new FakeDockerHost('local');
  const index = ContainerIndex.create({
    pingIntervalMs: options.pingIntervalMs ?? 3_600_000,
    onUnreachable: options.onUnreachable,
    hosts: [host],
    bindings: ContainerBindings.create({
      rules: [{ entityRef: 'component:default/billing', labels: RULED }],
      trustingHosts: [],
      annotatedEntities: async () => [],
    }),
    logger: mockServices.logger.mock(),
    reconcileIntervalMs: options.reconcileIntervalMs ?? 3_600_000,
    retryMs: 10,
  });
  const names = () =>
    index
      .view('local')!
      .containers.map(c => c.listed.Names[0])
      .sort();
  return { host, index, names };
}

async function until(condition: () => boolean, what: string) {
  for (let i = 0; i < 300 && !condition(); i++) {
    await new Promise(r => setTimeout(r, 10));
  }
  if (!condition()) throw new Error(`Timed out waiting for ${what}`);
}

describe('ContainerIndex', () => {
  it('holds the containers a label or a rule may bind, with what their summary needs', async () => {
    const { host, index, names } = setUp();
    const shop = host.add({ name: 'shop', labels: SHOP, state: 'exited' });
    host.add({ name: 'billing', labels: RULED });
    host.add({ name: 'stray', labels: { other: 'x' } });
    await index.start();

    expect(names()).toEqual(['/billing', '/shop']);
    const entry = index.find('local', shop.id)!;
    expect(toContainerSummary('local', entry.listed, entry.inspected)).toEqual(
      expect.objectContaining({
        id: shop.id,
        name: 'shop',
        state: 'exited',
        exitCode: 0,
        startedAt: '2026-09-21T10:00:01Z',
        restartCount: 0,
        oomKilled: false,
      }),
    );
    // Labels are kept once, on the list entry.
    expect(entry.inspected!.Config.Labels).toBeNull();
    expect(index.view('elsewhere')).toBeUndefined();
    await index.stop();
  });

  it('is live only once its events stream is up and a reconcile began after that', async () => {
    const { index } = setUp();
    await index.start();
    expect(index.view('local')).toMatchObject({ live: false });
    expect(index.view('local')!.reconciledAt).toEqual(expect.any(Number));
    await index.onStreamUp('local');
    expect(index.view('local')).toMatchObject({ live: true });
    index.onStreamDown('local');
    expect(index.view('local')).toMatchObject({ live: false });
    await index.stop();
  });

  it('follows events: a new container appears, a change shows, a destroyed one goes', async () => {
    const { host, index } = setUp();
    await index.start();
    await index.onStreamUp('local');
    const web = host.add({ name: 'web', labels: SHOP, state: 'created' });
    await index.onEvent({
      host: 'local',
      id: web.id,
      action: 'create',
      labels: SHOP,
    });
    expect(index.find('local', web.id)!.listed.State).toBe('created');

    web.state = 'running';
    await index.onEvent({
      host: 'local',
      id: web.id,
      action: 'start',
      labels: SHOP,
    });
    expect(index.find('local', web.id)!.inspected!.State.Status).toBe(
      'running',
    );

    host.remove(web.id);
    await index.onEvent({
      host: 'local',
      id: web.id,
      action: 'destroy',
      labels: SHOP,
    });
    expect(index.find('local', web.id)).toBeUndefined();
    expect(index.view('local')!.live).toBe(true);
    await index.stop();
  });

  it('asks Docker nothing about a container no binding could claim', async () => {
    const { host, index } = setUp();
    await index.start();
    const stray = host.add({ name: 'stray', labels: { other: 'x' } });
    host.calls.length = 0;
    await index.onEvent({
      host: 'local',
      id: stray.id,
      action: 'start',
      labels: { other: 'x' },
    });
    expect(host.calls).toEqual([]);
    expect(index.find('local', stray.id)).toBeUndefined();
    await index.stop();
  });

  it('does not let a reconcile that began before an event undo what the event showed', async () => {
    const { host, index } = setUp();
    const web = host.add({ name: 'web', labels: SHOP, state: 'exited' });
    const gone = host.add({ name: 'gone', labels: SHOP, state: 'exited' });
    await index.start();
    await index.onStreamUp('local');

    // A reconcile lists (web exited), its answer held back…
    const releaseList = host.hold(/^list docker-services.entity$/);
    const releaseInspect = host.hold(new RegExp(`^inspect ${gone.id}$`));
    gone.state = 'running';
    host.calls.length = 0;
    const reconcile = index.onResync('local');
    await until(
      () => host.calls.includes('list docker-services.entity'),
      'the list',
    );
    // …while web starts, and its event is followed at once.
    web.state = 'running';
    await index.onEvent({
      host: 'local',
      id: web.id,
      action: 'start',
      labels: SHOP,
    });
    releaseList();
    // The reconcile has inspected gone (still there) when gone is removed.
    await until(() => host.calls.includes(`inspect ${gone.id}`), 'the inspect');
    host.remove(gone.id);
    await index.onEvent({
      host: 'local',
      id: gone.id,
      action: 'destroy',
      labels: SHOP,
    });
    releaseInspect();
    await reconcile;

    expect(index.find('local', web.id)!.listed.State).toBe('running');
    expect(index.find('local', gone.id)).toBeUndefined();
    await index.stop();
  });

  it('catches up in a reconcile with what happened while its stream was down', async () => {
    const { host, index } = setUp();
    const web = host.add({ name: 'web', labels: SHOP, state: 'running' });
    const old = host.add({ name: 'old', labels: SHOP });
    const relabelled = host.add({ name: 'relabelled', labels: SHOP });
    await index.start();
    await index.onStreamUp('local');
    index.onStreamDown('local');

    // No events: stopped, removed, and one that no longer names the entity.
    web.state = 'exited';
    host.remove(old.id);
    relabelled.labels = { other: 'x' };
    const added = host.add({ name: 'added', labels: RULED });
    await index.onStreamUp('local');

    expect(index.view('local')!.live).toBe(true);
    expect(index.find('local', web.id)!.inspected!.State.Status).toBe('exited');
    expect(index.find('local', old.id)).toBeUndefined();
    expect(index.find('local', relabelled.id)).toBeUndefined();
    expect(index.find('local', added.id)).toBeDefined();
    await index.stop();
  });

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
