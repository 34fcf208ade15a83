import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  AuthorizeResult,
  isResourcePermission,
} from '@backstage/plugin-permission-common';
import { FakeSwarmHost } from '../__testUtils__/FakeSwarmHost';
import { component } from '../__testUtils__/testBackend';
import { ContainerBindings } from '../binding/ContainerBindings';
import { BindingRule, readDockerServicesConfig } from '../config';
import { DatabaseLock } from '../database/DatabaseLock';
import { DockerHostRegistry } from '../docker/DockerHostRegistry';
import { EngineTask } from '../docker/DockerHost';
import { ContainerService } from '../service/ContainerService';
import { SwarmServices } from '../swarm/SwarmServices';
import { FleetService } from './FleetService';
import { FleetSwarm } from './FleetSwarm';

// The Swarm part of the fleet view over a FAKE manager (FakeSwarmHost): what
// a search finds and what each caller may see. The real Swarm is in
// fleetSwarm.integration.test.ts.

const READER = mockCredentials.user('user:default/reader');
/** May read the catalog, but the containers of no entity. */
const STRANGER = mockCredentials.user('user:default/stranger');
/** component:default/secret's services: readable by nobody here. */
const SECRET = 'component:default/secret';

function world(rules: BindingRule[] = []) {
  const host = new FakeSwarmHost('swarm');
  const api = host.addService({
    name: 'demo-shop_api',
    labels: {
      'docker-services.entity': 'component:default/shop-api',
      'com.docker.stack.namespace': 'demo-shop',
    },
    mode: { Replicated: { Replicas: 2 } },
  });
  host.addService({
    name: 'vault_db',
    labels: { 'docker-services.entity': SECRET },
  });
  // Not bound to any entity: found by nobody.
  host.addService({ name: 'stray_api', labels: { app: 'stray' } });
  const task = (slot: number, id: string): EngineTask => ({
    ID: id,
    ServiceID: api.ID,
    Slot: slot,
    DesiredState: 'running',
    CreatedAt: '2026-12-01T10:00:00Z',
    UpdatedAt: '2026-12-01T10:00:00Z',
    Status: { State: 'running', Timestamp: '2026-12-01T10:00:00Z' },
  });
  host.tasks.push(
    task(1, 'k1aaaaaaaaaaaaaaaaaaaaaaa'),
    task(2, 'zd2bbbbbbbbbbbbbbbbbbbbbb'),
  );
  const logger = mockServices.logger.mock();
  const bindings = ContainerBindings.create({
    rules,
    trustingHosts: [],
    annotatedEntities: async () => [],
  });
  const hosts = DockerHostRegistry.fromHosts([host]);
  const services = SwarmServices.create({
    hosts,
    bindings,
    logger,
    hostDeadlineMs: 5_000,
    settings: readDockerServicesConfig(new ConfigReader({})).swarm,
    lock: undefined as unknown as DatabaseLock, // no action runs here
    lockTtlMs: 1_000,
  });
  const catalog = catalogServiceMock({
    entities: [
      {
        ...component('shop-api', {
          'docker-services/label-selector':
            'com.docker.stack.namespace=demo-shop',
        }),
        relations: [{ type: 'ownedBy', targetRef: 'group:default/team-shop' }],
      },
      {
        ...component('shop-web', { 'docker-services/compose': 'shop-web' }),
        relations: [{ type: 'ownedBy', targetRef: 'group:default/team-shop' }],
      },
      {
        ...component('secret', { 'docker-services/compose': 'vault' }),
        relations: [{ type: 'ownedBy', targetRef: 'group:default/team-shop' }],
      },
      {
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Group',
        metadata: { name: 'team-shop', namespace: 'default' },
        spec: {
          type: 'team',
          children: [],
          profile: { displayName: 'Shop team', email: 'shop@example.com' },
        },
      },
    ],
  });
  const permissions = mockServices.permissions.mock({
    authorize: async (requests, options) => {
      const who = (options?.credentials.principal as { userEntityRef: string })
        .userEntityRef;
      return requests.map(r => ({
        result:
          isResourcePermission(r.permission, 'catalog-entity') &&
          who === 'user:default/reader' &&
          r.resourceRef !== SECRET
            ? AuthorizeResult.ALLOW
            : AuthorizeResult.DENY,
      }));
    },
  });
  // FAKE (named): this test is about services; the entities run no containers.
  const containers = {
    listContainers: async () => ({ hosts: [] }),
  } as unknown as ContainerService;
  const fleet = FleetService.create({
    hostNames: [],
    bindings,
    catalog,
    permissions,
    userInfo: mockServices.userInfo.mock({
      getUserInfo: async credentials => ({
        userEntityRef: (credentials.principal as { userEntityRef: string })
          .userEntityRef,
        ownershipEntityRefs: ['group:default/team-shop'],
      }),
    }),
    containers,
    swarm: new FleetSwarm({
      hosts,
      services,
      bindings,
      logger,
      hostDeadlineMs: 5_000,
    }),
  });
  return { host, api, fleet };
}

const names = (res: { services?: Array<{ name: string }> }) =>
  res.services?.map(s => s.name);

describe('FleetService with a Swarm manager', () => {
  it('finds a service by its name, stack, entity, task name and short ids, with its entity, owner and state in words', async () => {
    const { api, fleet } = world();
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
    const { fleet } = world();
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
    const { host, fleet } = world();
    host.addService({
      name: 'demo-shop_worker',
      labels: { 'docker-services.entity': 'component:default/shop-api' },
    });
    const res = await fleet.search({ credentials: READER, q: '', limit: 1 });
    expect(res.services).toHaveLength(1);
    expect(res.truncated).toBe(true);
  });

  it("lists the caller's services with their level in My services; none for a stranger", async () => {
    const { fleet } = world();
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
    const { host, fleet } = world();
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
    const { fleet } = world([
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
