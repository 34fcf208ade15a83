import { FakeDockerHost } from '../__testUtils__/FakeDockerHost';
import { ContainerBindings } from '../binding/ContainerBindings';
import { boundInIndex } from './boundInIndex';
import { IndexedContainer } from './indexedContainer';

const SHOP = 'component:default/shop';

/** What an index of the host would hold: each candidate once. */
async function indexed(host: FakeDockerHost): Promise<IndexedContainer[]> {
  const listed = await host.listContainers(['docker-services.entity']);
  const ruled = await host.listContainers(['app=shop']);
  const byId = new Map([...listed, ...ruled].map(l => [l.Id, l]));
  return [...byId.values()].map(l => ({ listed: l }));
}

describe('boundInIndex', () => {
  it('finds the entity’s containers, narrowed by its annotation, and says which conflict', async () => {
    const host = new FakeDockerHost('local');
    const web = host.add({
      name: 'web',
      labels: {
        'docker-services.entity': SHOP,
        'com.docker.compose.project': 'shop',
      },
    });
    // Narrowed out by the entity's annotation.
    host.add({
      name: 'other-project',
      labels: {
        'docker-services.entity': SHOP,
        'com.docker.compose.project': 'x',
      },
    });
    host.add({
      name: 'someone-elses',
      labels: { 'docker-services.entity': 'component:default/billing' },
    });
    // Claimed by its label for billing and by a rule for shop.
    const contested = host.add({
      name: 'contested',
      labels: {
        'docker-services.entity': 'component:default/billing',
        app: 'shop',
        'com.docker.compose.project': 'shop',
      },
    });
    const bindings = ContainerBindings.create({
      rules: [{ entityRef: SHOP, labels: { app: 'shop' } }],
      trustingHosts: [],
      annotatedEntities: async () => [],
    });

    const found = await boundInIndex({
      containers: await indexed(host),
      bindings,
      entityRef: SHOP,
      selector: { labels: { 'com.docker.compose.project': 'shop' } },
      host: 'local',
    });

    expect(
      found.map(f => ({
        id: f.listed.Id,
        filters: f.labelFilters,
        conflict: !!f.conflict,
      })),
    ).toEqual([
      {
        id: web.id,
        filters: [
          `docker-services.entity=${SHOP}`,
          'com.docker.compose.project=shop',
        ],
        conflict: false,
      },
      {
        id: contested.id,
        filters: ['app=shop', 'com.docker.compose.project=shop'],
        conflict: true,
      },
    ]);
  });
});
