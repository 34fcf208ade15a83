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
import knexFactory, { Knex } from 'knex';
import http from 'node:http';
import path from 'node:path';
import { ContainerBindings } from '../binding/ContainerBindings';
import { readDockerServicesConfig } from '../config';
import { ContainerIndex } from '../containerIndex/ContainerIndex';
import { DatabaseLock } from '../database/DatabaseLock';
import { HistoryStore } from '../database/HistoryStore';
import { DockerHostRegistry } from '../docker/DockerHostRegistry';
import { DiagnosisService } from '../diagnosis/DiagnosisService';
import { AskOwners } from '../notifications/AskOwners';
import { LogService } from '../logs/LogService';
import { createRouter } from '../router';
import { createJobs } from '../jobs/createJobs';
import { readJobSettings } from '../jobs/readJobSettings';
import { ServiceActions } from '../swarm/ServiceActions';
import { SwarmServices } from '../swarm/SwarmServices';
import { ContainerActions } from '../service/ContainerActions';
import { DockerContainerService } from '../service/DockerContainerService';
import { EntityAuthorizer } from '../service/EntityAuthorizer';
import { FakeDockerHost } from './FakeDockerHost';
import { fleetFor } from './fleetFor';
import { component } from './testBackend';

// The unit tier's app: the real router, services and an in-memory SQLite
// database over a FAKE Docker engine (FakeDockerHost). No Docker, no root.

/** Holds every permission in the test policy; everyone else only reads. */
export const OWNER = 'user:default/owner';
export const READER = 'user:default/reader';
/** May set a job's schedule, but not start containers. */
export const SCHEDULER = 'user:default/scheduler';
export const asUser = (ref: string) => ({
  Authorization: mockCredentials.user.header(ref),
});

/** The labels of a container of `component:default/shop`. */
export const shopLabels = {
  'com.docker.compose.project': 'shop',
  'com.docker.compose.service': 'web',
  'docker-services.entity': 'component:default/shop',
};

/** One app of the unit tier, and the fake engine behind it. */
export interface RouterApp {
  /** Listening on a loopback port until the test ends. */
  server: http.Server;
  host: FakeDockerHost;
  /** Its in-memory database, migrated. */
  db: Knex;
  /** The catalog, to change under a running app. */
  catalog: ReturnType<typeof catalogServiceMock>;
  /** The jobs' parts (the driver ticks when a test says). */
  jobs: ReturnType<typeof createJobs>;
  /** The index reconciles and hears the (fake) events stream is open. */
  indexLive(): Promise<void>;
}

/** How a test wants its app. */
export interface AppOptions {
  /** False: the jobs' driver acts as with the permission framework off. */
  jobsActionsEnabled?: boolean;
}

/**
 * Returns a function that makes a fresh {@link RouterApp}: the catalog
 * holds `shop` (owned by team-a), `claimer` (whose annotation claims the
 * shop's containers) and the group team-a, whom everyone is in. Each app's
 * index and database are closed after each test.
 */
export function useRouterApp(): (options?: AppOptions) => Promise<RouterApp> {
  const opened: Array<{
    server: http.Server;
    index: ContainerIndex;
    db: Knex;
  }> = [];
  afterEach(async () => {
    for (const { server, index, db } of opened.splice(0)) {
      // One server per app, closed with its connections: a server per
      // request (supertest's default) can outlive the test file.
      server.closeAllConnections();
      await new Promise(resolve => server.close(resolve));
      await index.stop();
      await db.destroy();
    }
  });
  return async (options?: AppOptions) => {
    const made = await app(options);
    const server = http.createServer(made.handler);
    await new Promise<void>(resolve =>
      server.listen(0, '127.0.0.1', () => resolve()),
    );
    opened.push({ server, index: made.index, db: made.db });
    return {
      server,
      host: made.host,
      db: made.db,
      catalog: made.catalog,
      jobs: made.jobs,
      indexLive: () => made.index.onStreamUp('local'),
    };
  };
}

async function app(appOptions: AppOptions = {}) {
  const host = new FakeDockerHost();
  const db = knexFactory({
    client: 'better-sqlite3',
    connection: { filename: ':memory:' },
    useNullAsDefault: true,
  });
  await db.migrate.latest({
    directory: path.resolve(__dirname, '../../migrations'),
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
      // The owner is a member of team-a: schedules run on behalf of an owner.
      {
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'User',
        metadata: { name: 'owner', namespace: 'default', uid: 'owner-uid' },
        spec: { memberOf: ['team-a'] },
      },
      {
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'User',
        metadata: { name: 'reader', namespace: 'default' },
        spec: { memberOf: [] },
      },
    ],
  });
  const index = ContainerIndex.create({
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
          principal.userEntityRef === OWNER ||
          (principal.userEntityRef === SCHEDULER &&
            permission.name === 'docker-services.job.schedule')
            ? AuthorizeResult.ALLOW
            : AuthorizeResult.DENY,
      }));
    },
  });
  const services = SwarmServices.create({
    hosts: DockerHostRegistry.fromHosts([host]),
    bindings,
    logger,
    hostDeadlineMs: 10_000,
    settings: readDockerServicesConfig(new ConfigReader({})).swarm,
    lock: new DatabaseLock(db),
    lockTtlMs: 15_000,
  });
  const actions = ContainerActions.create({
    containers,
    history,
    auditor,
    logger,
  });
  const jobs = createJobs({
    db,
    hosts: DockerHostRegistry.fromHosts([host]),
    bindings,
    containers,
    actions,
    history,
    auditor,
    catalog,
    auth: mockServices.auth(),
    settings: readJobSettings(new ConfigReader({})),
    logger,
    actionsEnabled: appOptions.jobsActionsEnabled ?? true,
  });
  const router = await createRouter({
    authorizer: EntityAuthorizer.create({
      httpAuth: mockServices.httpAuth(),
      permissions,
      catalog,
      actionsEnabled: true,
    }),
    containers,
    actions,
    logs: LogService.create({
      containers,
      services,
      auditor,
      logger,
      limits: readDockerServicesConfig(new ConfigReader({})).logs,
    }),
    history,
    auditor,
    fleet: fleetFor({
      index,
      hostNames: ['local'],
      bindings,
      catalog,
      permissions,
      // Everyone in these tests is in team-a.
      team: 'group:default/team-a',
      containers,
      hosts: DockerHostRegistry.fromHosts([host]),
      services,
      logger,
      jobs: jobs.service,
    }),
    diagnosis: new DiagnosisService({ containers, history, logger }),
    services,
    serviceActions: new ServiceActions({ services, history, auditor, logger }),
    askOwners: new AskOwners({
      containers,
      history,
      notifications: { send: async () => {} },
      auditor,
      logger,
      intervalMs: 600_000,
      maxPerHour: 10,
      lock: new DatabaseLock(db),
    }),
    jobs: jobs.service,
    jobSchedules: jobs.scheduling,
  });
  const handler = express().use(router).use(mockErrorHandler());
  return { handler, host, index, db, catalog, jobs };
}
