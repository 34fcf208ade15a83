import { mockServices } from '@backstage/backend-test-utils';
import { FakeDockerHost } from '../__testUtils__/FakeDockerHost';
import { ContainerBindings } from '../binding/ContainerBindings';
import { EntityChangePublisher } from './EntityChangePublisher';

function publisher() {
  const published: unknown[] = [];
  const bindings = ContainerBindings.create({
    rules: [
      {
        entityRef: 'component:default/legacy',
        labels: { app: 'legacy' },
      },
    ],
    trustingHosts: [],
    annotatedEntities: async () => [],
  });
  const instance = EntityChangePublisher.create({
    bindings,
    signals: { publish: async signal => void published.push(signal) },
    logger: mockServices.logger.mock(),
  });
  return { instance, published };
}

const event = (labels: Record<string, string>) => ({
  host: 'local',
  id: 'a'.repeat(64),
  action: 'die',
  labels,
});

describe('EntityChangePublisher', () => {
  it("tells each owning entity's channel that something changed, and nothing more", async () => {
    const { instance, published } = publisher();
    await instance.publish(
      event({
        app: 'legacy',
        'docker-services.entity': 'Component:default/Shop',
      }),
    );
    expect(published).toEqual([
      {
        recipients: { type: 'broadcast' },
        channel: 'docker-services:entity:component:default/shop',
        message: { change: 'changed' },
      },
      {
        recipients: { type: 'broadcast' },
        channel: 'docker-services:entity:component:default/legacy',
        message: { change: 'changed' },
      },
    ]);
  });

  it('publishes nothing for a container bound to no entity', async () => {
    const { instance, published } = publisher();
    await instance.publish(event({ app: 'other' }));
    expect(published).toEqual([]);
  });
});

describe('EntityChangePublisher.republishHost', () => {
  it('tells every entity with a container on the host, once', async () => {
    const host = new FakeDockerHost();
    host.add({
      name: 'a',
      labels: { 'docker-services.entity': 'component:default/shop' },
    });
    host.add({
      name: 'b',
      labels: { 'docker-services.entity': 'component:default/shop' },
    });
    host.add({ name: 'c', labels: { app: 'legacy' } });
    host.add({ name: 'd', labels: { app: 'nobody' } });
    const { instance, published } = publisher();
    await instance.republishHost(host);
    expect((published as any[]).map(p => p.channel).sort()).toEqual([
      'docker-services:entity:component:default/legacy',
      'docker-services:entity:component:default/shop',
    ]);
  });
});
