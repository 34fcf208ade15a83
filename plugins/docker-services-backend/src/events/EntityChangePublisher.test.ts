import { mockServices } from '@backstage/backend-test-utils';
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
