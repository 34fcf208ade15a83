import { mockServices } from '@backstage/backend-test-utils';
import { FakeDockerHost } from '../__testUtils__/FakeDockerHost';
import { ContainerBindings } from '../binding/ContainerBindings';
import { ContainerIndex } from './ContainerIndex';

const SHOP = 'component:default/shop';
const BILLING = 'component:default/billing';
const ANNOTATED = 'component:default/annotated';

function setUp(options: { trusting: boolean }) {
  const host = new FakeDockerHost('local');
  const index = ContainerIndex.create({
    hosts: [host],
    bindings: ContainerBindings.create({
      rules: [{ entityRef: SHOP, labels: { app: 'shop' } }],
      trustingHosts: options.trusting ? ['local'] : [],
      annotatedEntities: async () => [
        { entityRef: ANNOTATED, selector: { labels: { team: 'annotated' } } },
      ],
    }),
    logger: mockServices.logger.mock(),
    reconcileIntervalMs: 3_600_000,
    pingIntervalMs: 3_600_000,
    retryMs: 10,
  });
  const candidates = (ref: string) =>
    index
      .candidatesFor('local', ref)
      .map(c => c.listed.Names[0])
      .sort();
  return { host, index, candidates };
}

describe('ContainerIndex.candidatesFor', () => {
  it('gives an entity the containers its label or a rule claims, conflicts on both sides', async () => {
    const { host, index, candidates } = setUp({ trusting: false });
    host.add({ name: 'web', labels: { 'docker-services.entity': SHOP } });
    host.add({ name: 'ruled', labels: { app: 'shop' } });
    host.add({
      name: 'contested',
      labels: { 'docker-services.entity': BILLING, app: 'shop' },
    });
    host.add({
      name: 'billing',
      labels: { 'docker-services.entity': BILLING },
    });
    await index.start();

    expect(candidates(SHOP)).toEqual(['/contested', '/ruled', '/web']);
    expect(candidates(BILLING)).toEqual(['/billing', '/contested']);
    expect(candidates('component:default/nobody')).toEqual([]);
    expect(index.candidatesFor('elsewhere', SHOP)).toEqual([]);
    await index.stop();
  });

  it('follows events and reconciles: a destroyed or vanished container is no candidate', async () => {
    const { host, index, candidates } = setUp({ trusting: false });
    const web = host.add({
      name: 'web',
      labels: { 'docker-services.entity': SHOP },
    });
    const ruled = host.add({ name: 'ruled', labels: { app: 'shop' } });
    await index.start();
    await index.onStreamUp('local');

    const late = host.add({
      name: 'late',
      labels: { 'docker-services.entity': SHOP },
    });
    await index.onEvent({
      host: 'local',
      id: late.id,
      action: 'create',
      labels: late.labels,
    });
    expect(candidates(SHOP)).toEqual(['/late', '/ruled', '/web']);

    host.remove(web.id);
    await index.onEvent({
      host: 'local',
      id: web.id,
      action: 'destroy',
      labels: web.labels,
    });
    // Removed while no event told: the next reconcile finds it gone.
    host.remove(ruled.id);
    await index.onStreamUp('local');
    expect(candidates(SHOP)).toEqual(['/late']);
    await index.stop();
  });

  it('adds, on a host that trusts annotations, the containers no label or rule claims', async () => {
    const trusting = setUp({ trusting: true });
    const plain = setUp({ trusting: false });
    for (const { host } of [trusting, plain]) {
      host.add({ name: 'web', labels: { 'docker-services.entity': SHOP } });
      host.add({ name: 'annotated', labels: { team: 'annotated' } });
    }
    await Promise.all([trusting.index.start(), plain.index.start()]);

    expect(trusting.candidates(ANNOTATED)).toEqual(['/annotated']);
    expect(trusting.candidates(SHOP)).toEqual(['/annotated', '/web']);
    expect(plain.candidates(ANNOTATED)).toEqual([]);
    expect(plain.candidates(SHOP)).toEqual(['/web']);
    await Promise.all([trusting.index.stop(), plain.index.stop()]);
  });
});
