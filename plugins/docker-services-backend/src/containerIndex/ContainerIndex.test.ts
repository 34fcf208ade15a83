import { toContainerSummary } from '../service/toContainerSummary';
import {
  RULED,
  setUpIndex as setUp,
  SHOP,
  until,
} from '../__testUtils__/indexFixture';

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
});
