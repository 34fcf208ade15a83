import {
  fleetSwarmWorld,
  READER,
  SECRET,
  STRANGER,
} from '../__testUtils__/fleetSwarmWorld';

// The Swarm part of the fleet view over a FAKE manager (FakeSwarmHost): what
// a search finds and what each caller may see. The real Swarm is in
// fleetSwarm.integration.test.ts.

const names = (res: { services?: Array<{ name: string }> }) =>
  res.services?.map(s => s.name);

describe('FleetService with a Swarm manager', () => {
  it('finds a service by its name, stack, entity, task name and short ids, with its entity, owner and state in words', async () => {
    const { api, fleet } = fleetSwarmWorld();
    const search = (q: string) =>
      fleet.search({ credentials: READER, q, limit: 100 });

    const found = await search('shop_api');
    expect(found.services).toEqual([
      {
        host: 'swarm',
        id: api.ID,
        name: 'demo-shop_api',
        stack: 'demo-shop',
        image: 'fake/image:1',
        level: 'ok',
        runningTasks: 2,
        desiredTasks: 2,
        summary: expect.stringMatching(/^2 of 2 running/),
        tasks: [
          expect.objectContaining({
            id: 'k1aaaaaaaaaaaaaaaaaaaaaaa',
            name: 'demo-shop_api.1',
            state: 'running',
            explanation: expect.stringMatching(/running/),
          }),
          expect.objectContaining({ name: 'demo-shop_api.2' }),
        ],
        entity: {
          ref: 'component:default/shop-api',
          kind: 'Component',
          namespace: 'default',
          name: 'shop-api',
          owner: {
            ref: 'group:default/team-shop',
            title: 'Shop team',
            email: 'shop@example.com',
          },
        },
      },
    ]);
    for (const q of ['api', 'shop-api', 'DEMO-SHOP', api.ID.slice(0, 6)]) {
      expect(names(await search(q))).toEqual(['demo-shop_api']);
    }
    // A task by its name or short id: that task only.
    for (const q of ['demo-shop_api.2', 'zd2bbb']) {
      const [service] = (await search(q)).services!;
      expect(service.tasks.map(t => t.name)).toEqual(['demo-shop_api.2']);
    }
    expect(names(await search('web'))).toEqual([]);
  });

  it('shows a caller nothing of the services of entities they may not read', async () => {
    const { fleet } = fleetSwarmWorld();
    const reader = await fleet.search({
      credentials: READER,
      q: '',
      limit: 100,
    });
    // vault_db's entity is not readable; stray_api is bound to none.
    expect(names(reader)).toEqual(['demo-shop_api']);
    for (const q of ['', 'vault', 'db', 'api']) {
      const stranger = await fleet.search({
        credentials: STRANGER,
        q,
        limit: 100,
      });
      expect(stranger.services).toEqual([]);
    }
  });

  it('cuts the list at the limit and says more matched', async () => {
    const { host, fleet } = fleetSwarmWorld();
    host.addService({
      name: 'demo-shop_worker',
      labels: { 'docker-services.entity': 'component:default/shop-api' },
    });
    const res = await fleet.search({ credentials: READER, q: '', limit: 1 });
    expect(res.services).toHaveLength(1);
    expect(res.truncated).toBe(true);
  });

  it("lists the caller's services with their level in My services; none for a stranger", async () => {
    const { fleet } = fleetSwarmWorld();
    const mine = await fleet.mine(READER);
    expect(mine.entities).toEqual([
      expect.objectContaining({
        ref: 'component:default/shop-api',
        level: 'ok',
        containers: [],
        services: [expect.objectContaining({ name: 'demo-shop_api' })],
      }),
    ]);
    expect((await fleet.mine(STRANGER)).entities).toEqual([]);
  });

  it("reads My services from the fleet's shared Swarm list: one list of the manager for all the caller's entities, none again for a search soon after", async () => {
    const { host, fleet } = fleetSwarmWorld();
    host.addService({
      name: 'demo-shop_worker',
      labels: {
        'docker-services.entity': 'component:default/shop-api',
        'com.docker.stack.namespace': 'demo-shop',
      },
    });
    // Left out by shop-api's own selector (another stack), as its tab leaves it out.
    host.addService({
      name: 'other_api',
      labels: { 'docker-services.entity': 'component:default/shop-api' },
    });
    host.addService({
      name: 'shop-web',
      labels: {
        'docker-services.entity': 'component:default/shop-web',
        'com.docker.compose.project': 'shop-web',
      },
    });
    const mine = await fleet.mine(READER);
    expect(
      mine.entities.map(e => [e.name, e.services?.map(s => s.name)]),
    ).toEqual([
      ['shop-api', ['demo-shop_api', 'demo-shop_worker']],
      ['shop-web', ['shop-web']],
    ]);
    // One labelled list per way of binding (here the entity label only).
    expect(host.calls).toEqual(['list docker-services.entity']);
    await fleet.mine(READER);
    await fleet.search({ credentials: READER, q: '', limit: 100 });
    expect(host.calls).toHaveLength(1);
  });

  it('shows a service bound to two entities in My services with the conflict, as the tab does', async () => {
    // An admin rule gives demo-shop's services to the secret entity as well.
    const { fleet } = fleetSwarmWorld([
      {
        entityRef: SECRET,
        labels: { 'com.docker.stack.namespace': 'demo-shop' },
      },
    ]);
    const [entity] = (await fleet.mine(READER)).entities;
    expect(entity.services).toEqual([
      expect.objectContaining({
        name: 'demo-shop_api',
        conflict: {
          entityRefs: [
            'component:default/secret',
            'component:default/shop-api',
          ],
          message: expect.stringContaining('component:default/secret'),
        },
      }),
    ]);
  });
});
