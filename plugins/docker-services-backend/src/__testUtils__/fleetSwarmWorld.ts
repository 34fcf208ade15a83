import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  AuthorizeResult,
  isResourcePermission,
} from '@backstage/plugin-permission-common';
import { ContainerBindings } from '../binding/ContainerBindings';
import { BindingRule, readDockerServicesConfig } from '../config';
import { DatabaseLock } from '../database/DatabaseLock';
import { DockerHostRegistry } from '../docker/DockerHostRegistry';
import { EngineTask } from '../docker/DockerHost';
import { ContainerService } from '../service/ContainerService';
import { SwarmServices } from '../swarm/SwarmServices';
import { FakeSwarmHost } from './FakeSwarmHost';
import { fleetFor } from './fleetFor';
import { component } from './testBackend';

export const READER = mockCredentials.user('user:default/reader');
/** May read the catalog, but the containers of no entity. */
export const STRANGER = mockCredentials.user('user:default/stranger');
/** component:default/secret's services: readable by nobody here. */
export const SECRET = 'component:default/secret';

/**
 * A FleetService over a FAKE Swarm manager (FakeSwarmHost `swarm`): the
 * service `demo-shop_api` of shop-api (stack demo-shop, two running tasks),
 * `vault_db` of the secret component and the unbound `stray_api`. Only
 * READER may read, and not the secret component.
 */
export function fleetSwarmWorld(rules: BindingRule[] = []) {
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
  const fleet = fleetFor({
    hostNames: [],
    bindings,
    catalog,
    permissions,
    team: 'group:default/team-shop',
    containers,
    hosts,
    services,
    logger,
  });
  return { host, api, fleet };
}
