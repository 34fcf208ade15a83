import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { databaseServiceFactory } from '@backstage/backend-defaults/database';
import { createServiceFactory } from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { uniqueRunId } from './__testUtils__/dockerFixtures';
import { asUser, testDatabaseConfig } from './__testUtils__/testBackend';
import { dockerServicesPlugin } from './plugin';

// The plugin as wired (its AuthorizationCache in front of the catalog and
// the permissions), a catalog whose entity the test changes, and a policy
// that lets an entity's owning team read its containers, as a company's
// would: moving the entity to another team revokes its readers.
const runId = uniqueRunId('authz-cache');
const sqliteDir = fs.mkdtempSync(path.join(os.tmpdir(), `${runId}-`));
const ALICE = 'user:default/alice';
const TEAMS: Record<string, string> = { [ALICE]: 'group:default/team-a' };
const LIST = '/api/docker-services/entities/component/default/shop/containers';
/** The cache's life for an answer (AuthorizationCache's default). */
const LIFE_MS = 5_000;

const shopOwnedBy = (owner: string, etag: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'shop',
    namespace: 'default',
    etag,
    annotations: { 'docker-services/compose': `${runId}/shop` },
  },
  spec: { type: 'service', owner, lifecycle: 'production' },
});

/** The catalog as it stands now; the test replaces it to change the entity. */
let catalog = catalogServiceMock({
  entities: [shopOwnedBy('group:default/team-a', 'v1')],
});
const changingCatalog = new Proxy({} as typeof catalogServiceRef.T, {
  get: (_, property) => {
    const value = Reflect.get(catalog, property);
    return typeof value === 'function' ? value.bind(catalog) : value;
  },
});

const decisions: string[] = [];
const policy = mockServices.permissions.mock({
  authorize: async (requests, options) => {
    const user = (options?.credentials.principal as any).userEntityRef;
    const shop = await catalog.getEntityByRef('component:default/shop', {
      credentials: options!.credentials,
    });
    return requests.map(r => {
      decisions.push(r.permission.name);
      // Everyone sees the entity in the catalog; its team reads its containers.
      const owns =
        r.permission.name === 'catalog.entity.read' ||
        shop?.spec?.owner === TEAMS[user];
      return { result: owns ? AuthorizeResult.ALLOW : AuthorizeResult.DENY };
    });
  },
});

afterAll(() => fs.rmSync(sqliteDir, { recursive: true, force: true }));

/** The plugin as wired, with `dockerServices` settings added to its host. */
const startPlugin = (settings: Record<string, unknown> = {}) =>
  startTestBackend({
    features: [
      dockerServicesPlugin,
      createServiceFactory({
        service: catalogServiceRef,
        deps: {},
        factory: () => changingCatalog,
      }),
      mockServices.rootConfig.factory({
        data: {
          backend: { database: testDatabaseConfig(runId, sqliteDir) },
          permission: { enabled: true },
          dockerServices: {
            hosts: [{ name: 'local', socketPath: '/var/run/docker.sock' }],
            ...settings,
          },
        },
      }),
      policy.factory,
      databaseServiceFactory,
    ],
  });

describe('the list route with its authorization cache', () => {
  it('a reader whose access is revoked in the catalog sees nothing within the life of a cached answer', async () => {
    const backend = await startPlugin();
    try {
      const list = () => request(backend.server).get(LIST).set(asUser(ALICE));
      const first = await list();
      const storedAt = Date.now();
      expect({ status: first.status, body: first.body }).toMatchObject({
        status: 200,
      });
      expect(first.body.entityRef).toBe('component:default/shop');
      // The second answer comes from the cache: no decision asked.
      const asked = decisions.length;
      expect((await list()).status).toBe(200);
      expect(decisions.length).toBe(asked);

      // The fleet search goes through the same cache.
      const search = await request(backend.server)
        .get('/api/docker-services/fleet/containers?q=no-such-container')
        .set(asUser(ALICE));
      expect(search.status).toBe(200);
      expect(search.body.containers).toEqual([]);

      // The shop moves to team-b: Alice may no longer read it.
      catalog = catalogServiceMock({
        entities: [shopOwnedBy('group:default/team-b', 'v2')],
      });
      let status = 200;
      while (status === 200 && Date.now() - storedAt < LIFE_MS + 2_000) {
        await new Promise(r => setTimeout(r, 100));
        status = (await list()).status;
      }
      const seenAfter = Date.now() - storedAt;
      expect(status).toBe(403);
      // Refused while the cached answer would still have been alive.
      expect(seenAfter).toBeLessThan(LIFE_MS - 1_000);
      // And from then on.
      expect((await list()).status).toBe(403);
    } finally {
      await backend.stop();
    }
  });

  it('a reader revoked by the policy alone (no catalog change) sees nothing once the configured life of a read decision has passed', async () => {
    catalog = catalogServiceMock({
      entities: [shopOwnedBy('group:default/team-a', 'v3')],
    });
    TEAMS[ALICE] = 'group:default/team-a';
    const backend = await startPlugin({ readDecisionSeconds: 2 });
    try {
      const list = () => request(backend.server).get(LIST).set(asUser(ALICE));
      expect((await list()).status).toBe(200);
      const storedAt = Date.now();
      // A role edited at runtime: the policy's answer changes, the catalog
      // (and so every etag) does not.
      TEAMS[ALICE] = 'group:default/team-c';
      let status = 200;
      while (status === 200 && Date.now() - storedAt < 5_000 + 2_000) {
        await new Promise(r => setTimeout(r, 100));
        status = (await list()).status;
      }
      const seenAfter = Date.now() - storedAt;
      expect(status).toBe(403);
      // Within the configured 2 s (and a poll), not the default 5 s.
      expect(seenAfter).toBeLessThan(2_000 + 600);
      expect((await list()).status).toBe(403);
    } finally {
      await backend.stop();
    }
  });
});
