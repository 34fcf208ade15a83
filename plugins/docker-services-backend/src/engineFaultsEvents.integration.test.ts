import { mockServices } from '@backstage/backend-test-utils';
import { entityChannel } from '@docker-services/backstage-plugin-docker-services-common';
import {
  expectListRecovers,
  useEngineFaultsWorld,
} from './__testUtils__/engineFaultsWorld';
import { eventually } from './__testUtils__/eventually';
import { DockerodeHost } from './docker/DockerodeHost';
import {
  ContainerEvent,
  ContainerEventWatcher,
} from './events/ContainerEventWatcher';

// Once a killed engine is back, the events catch up: what the engine did
// while it came back arrives as events, and open pages are told.

const world = useEngineFaultsWorld({
  bridge: 'dsvcfevt',
  bridgeAddress: '172.31.244.1/24',
});

describe('events while the engine was away', () => {
  it('the watcher reconnects by itself and catches up on what changed', async () => {
    // Restarted by the engine when it comes back; and one it only stops.
    const keeper = await world.createContainer('keeper-1', 3, {
      stopSignal: 'SIGKILL',
      restart: true,
    });
    const events: ContainerEvent[] = [];
    const resyncs: string[] = [];
    const watcher = new ContainerEventWatcher({
      hosts: [
        DockerodeHost.create({
          name: 'own',
          socketPath: world.engine.socketPath,
          requestTimeoutMs: 5000,
          trustCatalogAnnotations: false,
        }),
      ],
      onEvent: async event => void events.push(event),
      onResync: host => void resyncs.push(host),
      logger: mockServices.logger.mock(),
    });
    watcher.start();
    try {
      // Connected once it reports a change.
      const plain = await world.createContainer('plain-1', 4, {
        stopSignal: 'SIGKILL',
      });
      await eventually(
        () => events,
        e => e.some(x => x.id === plain.id && x.action === 'start'),
      );
      expect(events).toContainEqual(
        expect.objectContaining({ id: plain.id, action: 'start' }),
      );

      await world.engine.kill();
      const seenBefore = events.length;
      const killedAt = Date.now();
      // Coming back, the engine stops what ran when it died and restarts
      // the keeper, before it answers anyone: no stream is open then.
      await world.engine.restart();
      const caughtUp = () => events.slice(seenBefore);
      await eventually(
        caughtUp,
        e =>
          e.some(x => x.id === plain.id && x.action === 'die') &&
          e.some(x => x.id === keeper.id && x.action === 'start'),
      );
      expect(caughtUp()).toEqual(
        expect.arrayContaining([
          {
            host: 'own',
            id: plain.id,
            action: 'die',
            labels: expect.objectContaining({
              'docker-services.entity': 'component:default/shop',
            }),
            timeNano: expect.stringMatching(/^\d+$/),
          },
          expect.objectContaining({ id: keeper.id, action: 'start' }),
        ]),
      );
      expect(resyncs).toEqual(['own']);
      // Through the plugin's own wiring too: its watcher came back by
      // itself, caught up, and told the entity's pages.
      const channel = entityChannel('component:default/shop');
      const signalled = () =>
        world.published.filter(p => p.at > killedAt && p.channel === channel);
      await eventually(signalled, p => p.length > 0);
      expect(signalled().length).toBeGreaterThan(0);

      // And it follows live changes again.
      await plain.start();
      await eventually(
        caughtUp,
        e =>
          e.filter(x => x.id === plain.id && x.action === 'start').length > 0,
      );
      expect(caughtUp()).toContainEqual(
        expect.objectContaining({ id: plain.id, action: 'start' }),
      );
    } finally {
      await watcher.stop();
    }
    await expectListRecovers(world, world.patient);
  });
});
