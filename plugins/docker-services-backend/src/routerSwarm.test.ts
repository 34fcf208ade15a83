import {
  mockCredentials,
  mockErrorHandler,
  mockServices,
} from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  AuthorizeResult,
  isResourcePermission,
} from '@backstage/plugin-permission-common';
import express from 'express';
import Router from 'express-promise-router';
import knexFactory, { Knex } from 'knex';
import http from 'node:http';
import path from 'node:path';
import request from 'supertest';
import { FakeSwarmHost } from './__testUtils__/FakeSwarmHost';
import { component } from './__testUtils__/testBackend';
import { ContainerBindings } from './binding/ContainerBindings';
import { readDockerServicesConfig } from './config';
import { DatabaseLock } from './database/DatabaseLock';
import { HistoryStore } from './database/HistoryStore';
import { DockerHostRegistry } from './docker/DockerHostRegistry';
import { LogService } from './logs/LogService';
import { addSwarmRoutes } from './routerSwarm';
import { ContainerService } from './service/ContainerService';
import { EntityAuthorizer } from './service/EntityAuthorizer';
import { ServiceActions } from './swarm/ServiceActions';
import { SwarmServices } from './swarm/SwarmServices';

// The Swarm routes over a FAKE manager (FakeSwarmHost): who may restart a
// job, and how long a followed log lasts. The real Swarm is in
// swarm/*.integration.test.ts.

const OWNER = 'user:default/owner';
/** May see and restart the entity's containers, but not start them. */
const RESTARTER = 'user:default/restarter';
const asUser = (ref: string) => ({
  Authorization: mockCredentials.user.header(ref),
});
const shopLabels = {
  app: 'shop',
  'docker-services.entity': 'component:default/shop',
};
const base = '/entities/component/default/shop/services/swarm';

const opened: Array<{ server: http.Server; db: Knex }> = [];
afterEach(async () => {
  for (const { server, db } of opened.splice(0)) {
    server.closeAllConnections();
    await new Promise(resolve => server.close(resolve));
    await db.destroy();
  }
});

async function swarmApp() {
  const host = new FakeSwarmHost();
  const db = knexFactory({
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
  const config = readDockerServicesConfig(new ConfigReader({}));
  const services = SwarmServices.create({
    hosts: DockerHostRegistry.fromHosts([host]),
    bindings: ContainerBindings.create({
      rules: [],
      trustingHosts: [],
      annotatedEntities: async () => [],
    }),
    logger,
    hostDeadlineMs: 10_000,
    settings: config.swarm,
    lock: new DatabaseLock(db),
    lockTtlMs: 15_000,
    bindingCheckMs: 50,
  });
  const permissions = mockServices.permissions.mock({
    authorize: async (requests, options) => {
      const user = (options?.credentials.principal as { userEntityRef: string })
        .userEntityRef;
      return requests.map(({ permission }) => {
        const allowed =
          user === OWNER ||
          (isResourcePermission(permission, 'catalog-entity') &&
            permission.attributes.action === 'read') ||
          (user === RESTARTER &&
            permission.name === 'docker-services.container.restart');
        return {
          result: allowed ? AuthorizeResult.ALLOW : AuthorizeResult.DENY,
        };
      });
    },
  });
  const router = Router();
  router.use(express.json());
  addSwarmRoutes(router, {
    entity: '/entities/:kind/:namespace/:name',
    service: '/entities/:kind/:namespace/:name/services/:host/:id',
    authorizer: EntityAuthorizer.create({
      httpAuth: mockServices.httpAuth(),
      permissions,
      catalog: catalogServiceMock({
        entities: [
          component('shop', { 'docker-services/label-selector': 'app=shop' }),
        ],
      }),
      actionsEnabled: true,
    }),
    services,
    serviceActions: new ServiceActions({
      services,
      history: HistoryStore.create(db),
      auditor,
      logger,
    }),
    logs: LogService.create({
      // Only services' logs are read here.
      containers: {} as ContainerService,
      services,
      auditor,
      logger,
      limits: config.logs,
    }),
    auditor,
  });
  const server = http.createServer(
    express().use(router).use(mockErrorHandler()),
  );
  await new Promise<void>(resolve =>
    server.listen(0, '127.0.0.1', () => resolve()),
  );
  opened.push({ server, db });
  return { server, host, db };
}

/** A line of a service's log as Docker frames it (stdout, with details). */
function frame(service: string, text: string): Buffer {
  const payload = Buffer.from(
    `com.docker.swarm.node.id=n1,com.docker.swarm.service.id=${service},com.docker.swarm.task.id=t1 ${text}\n`,
  );
  const header = Buffer.alloc(8);
  header[0] = 1;
  header.writeUInt32BE(payload.length, 4);
  return Buffer.concat([header, payload]);
}

describe('POST …/services/:host/:id/restart of a job', () => {
  it.each([
    ['replicated-job', { ReplicatedJob: {} }],
    ['global-job', { GlobalJob: {} }],
  ])(
    'needs the start permission too in %s mode: restart-only is a 403 in words',
    async (mode, spec) => {
      const { server, host, db } = await swarmApp();
      const job = host.addService({
        name: 'shop-migrate',
        labels: shopLabels,
        mode: spec,
      });
      const res = await request(server)
        .post(`${base}/${job.ID}/restart`)
        .set(asUser(RESTARTER))
        .send({ reason: 'again' });
      expect(res.status).toBe(403);
      expect(res.body.error).toMatchObject({
        name: 'NotAllowedError',
        message: `shop-migrate is a job (${mode} mode), so restarting it runs its tasks again; that needs the permission to start this entity's containers, which you do not have. Ask its owners.`,
      });
      expect(host.updates).toEqual([]);
      // Refused before the record: no history row.
      expect(await db('docker_services_history').count('* as n')).toEqual([
        { n: 0 },
      ]);

      const owner = await request(server)
        .post(`${base}/${job.ID}/restart`)
        .set(asUser(OWNER));
      expect(owner.status).toBe(200);
      expect(host.updates).toEqual([
        { id: job.ID, change: { kind: 'restart' } },
      ]);
    },
  );

  it('lets restart-only restart a long-running service', async () => {
    const { server, host } = await swarmApp();
    const web = host.addService({ name: 'shop-web', labels: shopLabels });
    const res = await request(server)
      .post(`${base}/${web.ID}/restart`)
      .set(asUser(RESTARTER));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ action: 'restart', changed: true });
    expect(host.updates).toEqual([{ id: web.ID, change: { kind: 'restart' } }]);
  });
});

describe('GET …/services/:host/:id/logs?follow=true', () => {
  it('ends once the service is bound to another entity', async () => {
    const { server, host } = await swarmApp();
    const web = host.addService({ name: 'shop-web', labels: shopLabels });
    const reading = request(server)
      .get(`${base}/${web.ID}/logs?follow=true&tail=0`)
      .set(asUser(OWNER))
      .then(r => r);
    while (host.logs.length === 0) await new Promise(r => setTimeout(r, 10));
    const docker = host.logs[0];
    docker.stream.write(frame(web.ID, 'before'));
    await new Promise(r => setTimeout(r, 200));
    host.relabel(web.ID, {
      'docker-services.entity': 'component:default/other',
    });
    // It keeps writing: only the binding may end the follow.
    const chatter = setInterval(
      () => docker.stream.write(frame(web.ID, 'after')),
      20,
    );
    const res = await reading.finally(() => clearInterval(chatter));
    expect(res.status).toBe(200);
    const events = res.text
      .split('\n')
      .filter(Boolean)
      .map(l => JSON.parse(l));
    expect(events[0]).toMatchObject({
      stream: 'stdout',
      line: 'before',
      task: { id: 't1' },
    });
    expect(events[events.length - 1]).toMatchObject({ event: 'end' });
    // Docker's stream was closed, not left to run.
    expect(docker.stream.destroyed).toBe(true);
  }, 10_000);

  it('goes on while the service stays the entity’s', async () => {
    const { server, host } = await swarmApp();
    const web = host.addService({ name: 'shop-web', labels: shopLabels });
    const req = http.get({
      ...addressOf(server),
      path: `${base}/${web.ID}/logs?follow=true&tail=0`,
      headers: asUser(OWNER),
    });
    const ended = new Promise(resolve =>
      req.on('response', r => r.on('end', resolve)),
    );
    while (host.logs.length === 0) await new Promise(r => setTimeout(r, 10));
    host.relabel(web.ID, { team: 'a' });
    const result = await Promise.race([
      ended.then(() => 'ended'),
      new Promise(r => setTimeout(() => r('following'), 500)),
    ]);
    expect(result).toBe('following');
    expect(host.logs[0].stream.destroyed).toBe(false);
    req.destroy();
  });
});

function addressOf(server: http.Server) {
  const address = server.address() as { port: number };
  return { host: '127.0.0.1', port: address.port };
}
