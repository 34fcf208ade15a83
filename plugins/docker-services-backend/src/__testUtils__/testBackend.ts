import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { databaseServiceFactory } from '@backstage/backend-defaults/database';
import { BackendFeature } from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import {
  AuthorizePermissionRequest,
  AuthorizeResult,
  isResourcePermission,
} from '@backstage/plugin-permission-common';
import { catalogEntityReadPermission } from '@backstage/plugin-catalog-common/alpha';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { JsonObject } from '@backstage/types';
import knexFactory, { Knex } from 'knex';
import path from 'node:path';
import { dockerServicesPlugin } from '../plugin';

export const OWNER = 'user:default/owner';
export const OTHER = 'user:default/someone-else';
export const ADMIN = 'user:default/admin';
/** May see and restart, but not start or stop. */
export const RESTARTER = 'user:default/restarter';

/**
 * Whether a policy is asked the catalog's own read of an entity (of
 * `entityRef`, when given): how a policy hides an entity from a person,
 * in the catalog and so in the plugin, which reads entities once for
 * everyone and asks the policy this for the caller.
 */
export function isCatalogRead(
  request: AuthorizePermissionRequest,
  entityRef?: string,
): boolean {
  return (
    request.permission.name === catalogEntityReadPermission.name &&
    (entityRef === undefined ||
      ('resourceRef' in request && request.resourceRef === entityRef))
  );
}

/**
 * The Docker deadline (requestTimeoutMs) of backends under test: generous,
 * so that a loaded machine meets it. Tests of the deadline itself set a
 * short one.
 */
export const TEST_REQUEST_TIMEOUT_MS = 30_000;

export const asUser = (userEntityRef: string) => ({
  Authorization: mockCredentials.user.header(userEntityRef),
});
export const asService = () => ({
  Authorization: mockCredentials.service.header(),
});
export const unauthenticated = () => ({
  Authorization: mockCredentials.none.header(),
});

/**
 * The policy tests use, decided the way the demo policy decides: everyone
 * reads, the owner and the admin act. The plugin enforces whatever the
 * permission service answers; the demo policy itself runs in the e2e tests.
 */
const testPolicy = mockServices.permissions.mock({
  authorize: async (requests, options) => {
    const principal = options?.credentials.principal as
      | { type: 'user'; userEntityRef: string }
      | { type: string };
    const user =
      'userEntityRef' in principal ? principal.userEntityRef : undefined;
    return requests.map(request => {
      const permission = request.permission;
      const isRead =
        isResourcePermission(permission, 'catalog-entity') &&
        permission.attributes.action === 'read';
      const allowed =
        isRead ||
        user === OWNER ||
        user === ADMIN ||
        (user === RESTARTER &&
          permission.name === 'docker-services.container.restart');
      return { result: allowed ? AuthorizeResult.ALLOW : AuthorizeResult.DENY };
    });
  },
  authorizeConditional: async requests =>
    requests.map(() => ({ result: AuthorizeResult.ALLOW })),
});

/**
 * Starts the plugin through the real backend wiring with a given catalog and
 * config. The database is real: the config's `backend.database` (SQLite in
 * a folder, or PostgreSQL when DOCKER_SERVICES_TEST_PG_URL is set).
 */
export async function startPluginBackend(options: {
  entities: Entity[];
  config: JsonObject;
  /** Replaces a default service (such as the auditor, for a test that inspects it), or adds a plugin a test needs (notifications). */
  extraFeatures?: BackendFeature[];
}) {
  return startTestBackend({
    features: [
      ...(options.extraFeatures ?? []),
      dockerServicesPlugin,
      catalogServiceMock.factory({ entities: options.entities }),
      mockServices.rootConfig.factory({ data: options.config }),
      testPolicy.factory,
      databaseServiceFactory,
    ],
  });
}

/** The database config for a test run: PostgreSQL when asked for, else SQLite files. */
export function testDatabaseConfig(
  runId: string,
  sqliteDir: string,
): JsonObject {
  const pg = process.env.DOCKER_SERVICES_TEST_PG_URL;
  return pg
    ? {
        client: 'pg',
        connection: pg,
        prefix: `dstest_${runId.replace(/[^a-z0-9]/g, '_')}_`,
      }
    : { client: 'better-sqlite3', connection: { directory: sqliteDir } };
}

export function component(
  name: string,
  annotations: Record<string, string>,
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name, namespace: 'default', annotations },
    spec: { type: 'service', owner: 'team-a', lifecycle: 'production' },
  };
}

/**
 * A second connection to the plugin's own database as `testDatabaseConfig`
 * sets it up, for tests that break or inspect it for real.
 */
export function pluginDatabase(runId: string, sqliteDir: string): Knex {
  const config = testDatabaseConfig(runId, sqliteDir);
  if (config.client === 'pg') {
    const url = new URL(String(config.connection));
    url.pathname = `/${config.prefix}docker-services`;
    return knexFactory({ client: 'pg', connection: url.toString() });
  }
  return knexFactory({
    client: 'better-sqlite3',
    connection: { filename: path.join(sqliteDir, 'docker-services.sqlite') },
    useNullAsDefault: true,
  });
}
