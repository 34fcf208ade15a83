// What this proves, on real parts: the docker-services plugin shows a person
// exactly the entities the real catalog shows them. The catalog backend, the
// permission backend and the plugin run in one backend; the catalog ingests
// the entities itself; the policy's catalog.entity.read answer is
// CONDITIONAL (the owner, or entities marked public), resolved by the
// permission backend through the catalog's apply-conditions endpoint. Alice
// owns secret-shop, Bob owns nothing, open-shop is public. The plugin reads
// each entity with its own credentials and asks the policy for the caller,
// so every route that names secret-shop must hide it from Bob as the
// catalog does. One container (created, never started) is bound to
// secret-shop, for the fleet search to find.
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { permissionsServiceFactory } from '@backstage/backend-defaults/permissions';
import {
  coreServices,
  createBackendModule,
  createServiceFactory,
  HttpAuthService,
} from '@backstage/backend-plugin-api';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import {
  catalogConditions as is,
  createCatalogConditionalDecision,
} from '@backstage/plugin-catalog-backend/alpha';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import permissionPlugin from '@backstage/plugin-permission-backend';
import {
  AuthorizeResult,
  isPermission,
  isResourcePermission,
} from '@backstage/plugin-permission-common';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import dockerServicesPlugin from '@docker-services/backstage-plugin-docker-services-backend';
import { dockerFleetReadPermission } from '@docker-services/backstage-plugin-docker-services-common';
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';

const [ALICE, BOB] = ['user:default/alice', 'user:default/bob'];
const SECRET = 'component:default/secret-shop';
const OPEN = 'component:default/open-shop';
const MISSING = 'component:default/no-such-shop';
const PUBLIC = 'visibility.test/public';
const runId = `visibility-${randomBytes(4).toString('hex')}`;
const SOCKET = '/var/run/docker.sock';
const docker = (...args: string[]) =>
  execFileSync('docker', ['-H', `unix://${SOCKET}`, ...args], {
    encoding: 'utf8',
  });

const component = (name: string, owner: string, extra = {}) => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name,
    annotations: {
      'backstage.io/managed-by-location': `test:${runId}`,
      'backstage.io/managed-by-origin-location': `test:${runId}`,
      'docker-services/compose': `${runId}/${name}`,
      ...extra,
    },
  },
  spec: { type: 'service', lifecycle: 'production', owner },
});

/** The entities, ingested by the real catalog in one full mutation. */
const testEntities = createBackendModule({
  pluginId: 'catalog',
  moduleId: 'visibility-test',
  register: reg =>
    reg.registerInit({
      deps: { catalog: catalogProcessingExtensionPoint },
      init: async ({ catalog }) =>
        catalog.addEntityProvider({
          getProviderName: () => 'visibility-test',
          connect: connection =>
            connection.applyMutation({
              type: 'full',
              entities: [
                component('secret-shop', ALICE),
                component('open-shop', 'group:default/nobody', {
                  [PUBLIC]: 'yes',
                }),
              ].map(entity => ({ entity, locationKey: `test:${runId}` })),
            }),
        }),
    }),
});

/** People see what they own and what is public; no one sees unbound containers. */
const testPolicy = createBackendModule({
  pluginId: 'permission',
  moduleId: 'visibility-test',
  register: reg =>
    reg.registerInit({
      deps: { policy: policyExtensionPoint },
      init: async ({ policy }) =>
        policy.setPolicy({
          async handle({ permission }, user) {
            if (isPermission(permission, dockerFleetReadPermission)) {
              return { result: AuthorizeResult.DENY };
            }
            if (
              permission.name !== 'catalog.entity.read' ||
              !isResourcePermission(permission, 'catalog-entity')
            ) {
              return { result: AuthorizeResult.ALLOW };
            }
            const claims = user?.info.ownershipEntityRefs ?? [];
            return createCatalogConditionalDecision(permission, {
              anyOf: [
                is.isEntityOwner({ claims }),
                is.hasAnnotation({ annotation: PUBLIC }),
              ],
            });
          },
        }),
    }),
});

/**
 * The test backend's mock auth, except that a plugin's token on a person's
 * behalf makes the plugin their actor, as the real auth service does. The
 * mock drops the actor; without it the permission backend refuses the
 * catalog's conditional question (no resourceRef), and the catalog refuses
 * the permission backend's apply-conditions call (403).
 */
const httpAuthWithActor = createServiceFactory({
  service: coreServices.httpAuth,
  deps: { plugin: coreServices.pluginMetadata },
  factory({ plugin }): HttpAuthService {
    const inner = mockServices.httpAuth({ pluginId: plugin.getId() });
    const prefix = 'Bearer mock-service-token:';
    return {
      credentials: (async (req, options) => {
        const found = await inner.credentials(req, options);
        const header = req.headers.authorization ?? '';
        const { obo } = header.startsWith(prefix)
          ? JSON.parse(header.slice(prefix.length))
          : { obo: undefined };
        const actor = { subject: 'plugin:caller' };
        return obo ? mockCredentials.user(obo, { actor }) : found;
      }) as HttpAuthService['credentials'],
      issueUserCookie: (res, options) => inner.issueUserCookie(res, options),
    };
  },
});

let baseUrl: string;
const as = (user: string) => ({
  Authorization: mockCredentials.user.header(user),
  'Content-Type': 'application/json',
});
const call = (user: string, path: string, body?: object) =>
  fetch(`${baseUrl}${path}`, {
    method: body ? 'POST' : 'GET',
    headers: as(user),
    body: body && JSON.stringify(body),
  });
const byName = (ref: string) =>
  `/api/catalog/entities/by-name/${ref.replace(':', '/')}`;
const list = (ref: string) =>
  `/api/docker-services/entities/${ref.replace(':', '/')}/containers`;

/** `read()` again until `done`, for up to a minute. */
async function eventually<T>(read: () => Promise<T>, done: (t: T) => boolean) {
  for (const deadline = Date.now() + 60_000; ; ) {
    const value = await read();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise(resolve => setTimeout(resolve, 250));
  }
}

describe('what a person may see: the real catalog, policy and plugin agree', () => {
  beforeAll(async () => {
    docker(
      ...['create', '--name', `${runId}-secret-shop`],
      ...['--label', `docker-services.test=${runId}`],
      ...['--label', `docker-services.entity=${SECRET}`],
      ...['--label', `com.docker.compose.project=${runId}`],
      ...['--label', 'com.docker.compose.service=secret-shop'],
      ...['docker-services-demo/busybox:latest', 'sleep', '600'],
    );
    const backend = await startTestBackend({
      features: [
        ...[catalogPlugin, permissionPlugin, dockerServicesPlugin],
        ...[testEntities, testPolicy],
        ...[permissionsServiceFactory, httpAuthWithActor],
        mockServices.rootConfig.factory({
          data: {
            permission: { enabled: true },
            dockerServices: {
              hosts: [{ name: 'local', socketPath: SOCKET }],
              requestTimeoutMs: 30_000,
            },
          },
        }),
      ],
    });
    baseUrl = `http://127.0.0.1:${backend.server.port()}`;
    for (const ref of [SECRET, OPEN]) {
      // Until the catalog has processed and stitched it.
      const res = await eventually(
        () => call(ALICE, byName(ref)),
        r => r.status === 200,
      );
      if (res.status !== 200) {
        throw new Error(`The catalog never served ${ref}: ${res.status}`);
      }
    }
  }, 90_000);

  afterAll(() => {
    const ids = docker(
      'ps',
      '-aq',
      '--filter',
      `label=docker-services.test=${runId}`,
    );
    if (ids.trim()) docker('rm', '-f', ...ids.trim().split('\n'));
  });

  it('the catalog itself shows secret-shop to its owner only', async () => {
    expect((await call(ALICE, byName(SECRET))).status).toBe(200);
    expect((await call(BOB, byName(SECRET))).status).toBe(404);
    expect((await call(BOB, byName(OPEN))).status).toBe(200);
  });

  it('the list route answers Bob 404, as for an entity that does not exist', async () => {
    const forAlice = await call(ALICE, list(SECRET));
    expect(forAlice.status).toBe(200);
    expect((await forAlice.json()).entityRef).toBe(SECRET);
    expect((await call(BOB, list(OPEN))).status).toBe(200);
    for (const ref of [SECRET, MISSING]) {
      const res = await call(BOB, list(ref));
      expect(res.status).toBe(404);
      const { error } = await res.json();
      expect(error.message).toBe(`No entity ${ref} was found`);
    }
  });

  it('the status of many entities leaves secret-shop out for Bob', async () => {
    const statuses = async (user: string) => {
      const res = await call(user, '/api/docker-services/entities/status', {
        entityRefs: [SECRET, OPEN, MISSING],
      });
      expect(res.status).toBe(200);
      const { items } = await res.json();
      return items.map((i: { entityRef: string }) => i.entityRef);
    };
    expect(await statuses(ALICE)).toEqual([SECRET, OPEN]);
    expect(await statuses(BOB)).toEqual([OPEN]);
  });

  it("the fleet search shows Alice secret-shop's container, and Bob nothing of it", async () => {
    const search = async (user: string) => {
      const path = `/api/docker-services/fleet/containers?q=${runId}`;
      const res = await call(user, path);
      expect(res.status).toBe(200);
      return res.json();
    };
    // The index reads the engine once the backend has started.
    const forAlice = await eventually(
      () => search(ALICE),
      r => r.containers.length > 0,
    );
    expect(forAlice.containers).toEqual([
      expect.objectContaining({
        name: `${runId}-secret-shop`,
        binding: 'bound',
        entity: expect.objectContaining({ ref: SECRET }),
      }),
    ]);
    const forBob = await search(BOB);
    expect(forBob.containers).toEqual([]);
    expect(JSON.stringify(forBob)).not.toContain('secret-shop');
  }, 70_000);
});
