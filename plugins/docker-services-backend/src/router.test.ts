import {
  mockCredentials,
  mockErrorHandler,
  mockServices,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  AuthorizeResult,
  isResourcePermission,
} from '@backstage/plugin-permission-common';
import express from 'express';
import knexFactory, { Knex } from 'knex';
import path from 'node:path';
import request from 'supertest';
import { FakeDockerHost } from './__testUtils__/FakeDockerHost';
import { component } from './__testUtils__/testBackend';
import { ContainerBindings } from './binding/ContainerBindings';
import { readDockerServicesConfig } from './config';
import { DatabaseLock } from './database/DatabaseLock';
import { HistoryStore } from './database/HistoryStore';
import { DockerHostRegistry } from './docker/DockerHostRegistry';
import { LogService } from './logs/LogService';
import { createRouter } from './router';
import { ContainerActions } from './service/ContainerActions';
import { DockerContainerService } from './service/DockerContainerService';
import { EntityAuthorizer } from './service/EntityAuthorizer';
import { ContainerIndex } from './containerIndex/ContainerIndex';
import { FleetService } from './fleet/FleetService';
import { ConfigReader } from '@backstage/config';

// The unit tier: the real router, services and an in-memory SQLite database
// over a FAKE Docker engine (FakeDockerHost). No Docker, no root.
const OWNER = 'user:default/owner';
const READER = 'user:default/reader';
const asUser = (ref: string) => ({
  Authorization: mockCredentials.user.header(ref),
});

let db: Knex;
let host: FakeDockerHost;
let index: ContainerIndex;

async function app() {
  host = new FakeDockerHost();
  db = knexFactory({
    client: 'better-sqlite3',
    connection: { filename: ':memory:' },
    useNullAsDefault: true,
  });
  await db.migrate.latest({
    directory: path.resolve(__dirname, '../migrations'),
    tableName: 'docker_services_knex_migrations',
  });
  const logger = mockServices.logger.mock();
  const auditor = mockServices.auditor.mock();
  const history = HistoryStore.create(db);
  const bindings = ContainerBindings.create({
    rules: [],
    trustingHosts: [],
    annotatedEntities: async () => [],
  });
  const catalog = catalogServiceMock({
    entities: [
      {
        ...component('shop', { 'docker-services/compose': 'shop/web' }),
        relations: [{ type: 'ownedBy', targetRef: 'group:default/team-a' }],
      },
      component('claimer', { 'docker-services/compose': 'shop/web' }),
      {
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Group',
        metadata: {
          name: 'team-a',
          namespace: 'default',
          links: [
            { url: 'https://example.slack.com/archives/C1', title: '#team-a' },
          ],
        },
        spec: {
          type: 'team',
          children: [],
          profile: { displayName: 'Team A', email: 'team-a@example.com' },
        },
      },
    ],
  });
  index = ContainerIndex.create({
    hosts: [host],
    bindings,
    logger,
    reconcileIntervalMs: 60_000,
  });
  const containers = DockerContainerService.create({
    hosts: DockerHostRegistry.fromHosts([host]),
    logger,
    hostDeadlineMs: 10_000,
    stopTimeoutSeconds: 1,
    lock: new DatabaseLock(db),
    lockTtlMs: 15_000,
    bindings,
    index,
  });
  const permissions = mockServices.permissions.mock({
    authorize: async (requests, options) => {
      const principal = options?.credentials.principal as {
        userEntityRef?: string;
      };
      return requests.map(({ permission }) => ({
        result:
          (isResourcePermission(permission, 'catalog-entity') &&
            permission.attributes.action === 'read') ||
          principal.userEntityRef === OWNER
            ? AuthorizeResult.ALLOW
            : AuthorizeResult.DENY,
      }));
    },
  });
  const router = await createRouter({
    authorizer: EntityAuthorizer.create({
      httpAuth: mockServices.httpAuth(),
      permissions,
      catalog,
      actionsEnabled: true,
    }),
    containers,
    actions: ContainerActions.create({ containers, history, auditor, logger }),
    logs: LogService.create({
      containers,
      auditor,
      logger,
      limits: readDockerServicesConfig(new ConfigReader({})).logs,
    }),
    history,
    auditor,
    fleet: FleetService.create({
      index,
      hostNames: ['local'],
      bindings,
      catalog,
      permissions,
      // Everyone in these tests is in team-a.
      userInfo: mockServices.userInfo.mock({
        getUserInfo: async credentials => ({
          userEntityRef: (credentials.principal as { userEntityRef: string })
            .userEntityRef,
          ownershipEntityRefs: ['group:default/team-a'],
        }),
      }),
      containers,
    }),
  });
  return express().use(router).use(mockErrorHandler());
}

const shopLabels = {
  'com.docker.compose.project': 'shop',
  'com.docker.compose.service': 'web',
  'docker-services.entity': 'component:default/shop',
};

afterEach(async () => {
  await index?.stop();
  await db?.destroy();
});

/** The index reconciles and hears the (fake) events stream is open. */
async function indexLive() {
  await index.onStreamUp('local');
}

describe('the router over a fake engine', () => {
  it('lists only what is bound to the entity, and says why a claim finds nothing', async () => {
    const server = await app();
    const web = host.add({ name: 'shop-web-1', labels: shopLabels });
    host.add({
      name: 'unbound',
      labels: {
        'com.docker.compose.project': 'shop',
        'com.docker.compose.service': 'web',
      },
    });

    const shop = await request(server)
      .get('/entities/component/default/shop/containers')
      .set(asUser(READER));
    expect(shop.status).toBe(200);
    expect(shop.body.hosts[0].containers.map((c: any) => c.id)).toEqual([
      web.id,
    ]);

    const claimer = await request(server)
      .get('/entities/component/default/claimer/containers')
      .set(asUser(OWNER));
    expect(claimer.body.hosts[0]).toMatchObject({
      containers: [],
      emptyReason: expect.stringMatching(/is bound to this entity/),
    });
    const claim = await request(server)
      .post(
        `/entities/component/default/claimer/containers/local/${web.id}/stop`,
      )
      .set(asUser(OWNER));
    expect(claim.status).toBe(404);
    expect(web.state).toBe('running');
  });

  it('runs an action once for many simultaneous identical requests, each recorded', async () => {
    const server = await app();
    const web = host.add({
      name: 'shop-web-1',
      labels: shopLabels,
      state: 'exited',
    });
    const url = `/entities/component/default/shop/containers/local/${web.id}/start`;
    const responses = await Promise.all(
      Array.from({ length: 30 }, () =>
        request(server).post(url).set(asUser(OWNER)),
      ),
    );
    expect(responses.map(r => r.status)).toEqual(Array(30).fill(200));
    expect(host.calls.filter(c => c.startsWith('start '))).toHaveLength(1);
    expect(responses.filter(r => r.body.changed)).toHaveLength(1);
    const rows = await db('docker_services_history').select('outcome');
    expect(rows).toHaveLength(30);
    expect(rows.every(r => r.outcome === 'succeeded')).toBe(true);
  });

  it('refuses a reader, and a Docker failure becomes a sentence', async () => {
    const server = await app();
    const web = host.add({ name: 'shop-web-1', labels: shopLabels });
    const url = `/entities/component/default/shop/containers/local/${web.id}`;
    const refused = await request(server)
      .post(`${url}/stop`)
      .set(asUser(READER));
    expect(refused.status).toBe(403);

    host.failWith = Object.assign(
      new Error('connect ECONNREFUSED /var/run/docker.sock'),
      {
        code: 'ECONNREFUSED',
      },
    );
    const down = await request(server).post(`${url}/stop`).set(asUser(OWNER));
    expect(down.status).toBe(503);
    expect(down.body.error.message).toMatch(
      /Docker host "local" is unavailable/,
    );
    expect(JSON.stringify(down.body)).not.toContain('ECONNREFUSED');

    const list = await request(server)
      .get('/entities/component/default/shop/containers')
      .set(asUser(READER));
    expect(list.body.hosts[0]).toMatchObject({
      name: 'local',
      status: 'unavailable',
      error: expect.stringMatching(/^Docker host "local" is unavailable/),
    });
  });

  it('streams a log as NDJSON events ending with end', async () => {
    const server = await app();
    const web = host.add({
      name: 'shop-web-1',
      labels: shopLabels,
      log: ['first', 'second'],
    });
    const res = await request(server)
      .get(`/entities/component/default/shop/containers/local/${web.id}/logs`)
      .set(asUser(READER));
    expect(res.status).toBe(200);
    const events = res.text
      .split('\n')
      .filter(Boolean)
      .map(l => JSON.parse(l));
    expect(events.filter(e => 'line' in e).map(e => e.line)).toEqual([
      'first',
      'second',
    ]);
    expect(events[events.length - 1]).toMatchObject({ event: 'end' });
  });

  it('finds a container across hosts with its entity and whom to ask', async () => {
    const server = await app();
    const web = host.add({ name: 'shop-web-1', labels: shopLabels });
    host.add({
      name: 'stray',
      labels: { 'docker-services.entity': 'component:default/gone' },
    });
    await indexLive();

    const res = await request(server)
      .get('/fleet/containers?q=shop-web')
      .set(asUser(READER));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      truncated: false,
      seesUnbound: false,
      hosts: [{ name: 'local', status: 'ok', containerCount: 2 }],
    });
    expect(res.body.containers).toEqual([
      expect.objectContaining({
        id: web.id,
        name: 'shop-web-1',
        binding: 'bound',
        entity: {
          ref: 'component:default/shop',
          kind: 'Component',
          namespace: 'default',
          name: 'shop',
          owner: {
            ref: 'group:default/team-a',
            title: 'Team A',
            email: 'team-a@example.com',
            chat: {
              url: 'https://example.slack.com/archives/C1',
              title: '#team-a',
            },
          },
        },
      }),
    ]);
    // By id prefix too; a reader never sees the container that names no real entity.
    const byId = await request(server)
      .get(`/fleet/containers?q=${web.id.slice(0, 12)}`)
      .set(asUser(READER));
    expect(byId.body.containers.map((c: any) => c.id)).toEqual([web.id]);
    const all = await request(server)
      .get('/fleet/containers')
      .set(asUser(READER));
    expect(all.body.containers.map((c: any) => c.name)).toEqual(['shop-web-1']);

    const bad = await request(server)
      .get('/fleet/containers?limit=0')
      .set(asUser(READER));
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/^Invalid query: limit/);
  });

  it('shows unbound containers to those allowed to see the fleet', async () => {
    const server = await app();
    host.add({
      name: 'stray',
      labels: { 'docker-services.entity': 'component:default/gone' },
    });
    await indexLive();
    // OWNER holds every permission in this test's policy, fleet.read too.
    const res = await request(server)
      .get('/fleet/containers')
      .set(asUser(OWNER));
    expect(res.body.seesUnbound).toBe(true);
    expect(res.body.containers).toEqual([
      expect.objectContaining({
        name: 'stray',
        binding: 'unbound',
        unboundReason: expect.stringMatching(
          /^It names component:default\/gone, which is not in the catalog/,
        ),
      }),
    ]);
  });

  it("lists the caller's services, worst first, with their containers", async () => {
    const server = await app();
    host.add({ name: 'shop-web-1', labels: shopLabels });
    host.add({ name: 'shop-web-2', labels: shopLabels, state: 'exited' });
    await indexLive();
    const res = await request(server).get('/fleet/mine').set(asUser(READER));
    expect(res.status).toBe(200);
    expect(res.body.entities).toEqual([
      expect.objectContaining({
        ref: 'component:default/shop',
        containers: [
          expect.objectContaining({ name: 'shop-web-1', state: 'running' }),
          expect.objectContaining({ name: 'shop-web-2', state: 'exited' }),
        ],
      }),
    ]);
  });
});
