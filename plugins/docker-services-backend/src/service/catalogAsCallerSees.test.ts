import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import {
  AuthorizePermissionRequest,
  AuthorizeResult,
  createPermission,
} from '@backstage/plugin-permission-common';
import { AuthorizationCache } from './AuthorizationCache';
import { catalogAsCallerSees } from './catalogAsCallerSees';

const SHOP = 'component:default/shop';
const BILLING = 'component:default/billing';
const MISSING = 'component:default/missing';
const entity = (name: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name, namespace: 'default', etag: `${name}-1` },
});
const stored = new Map([
  [SHOP, entity('shop')],
  [BILLING, entity('billing')],
]);
const alice = mockCredentials.user('user:default/alice');
const bob = mockCredentials.user('user:default/bob');
const containerRead = createPermission({
  name: 'docker-services.container.read',
  attributes: { action: 'read' },
  resourceType: 'catalog-entity',
});
const userOf = (credentials: any) =>
  credentials.principal.userEntityRef ?? credentials.principal.subject;

/**
 * A catalog that records who read what, and a policy under which bob may
 * not see `billing` in the catalog; everything else is allowed.
 */
function world(decide?: () => Promise<never>) {
  const reads: string[] = [];
  const asked: string[][] = [];
  const read = async (ref: string, credentials: any) => {
    reads.push(`${userOf(credentials)} ${ref}`);
    return stored.get(ref);
  };
  const inner = {
    getEntityByRef: jest.fn(async (ref: string, { credentials }: any) =>
      read(ref, credentials),
    ),
    getEntitiesByRefs: jest.fn(
      async (
        { entityRefs }: { entityRefs: string[] },
        { credentials }: any,
      ) => ({
        items: await Promise.all(entityRefs.map(r => read(r, credentials))),
      }),
    ),
    getEntities: jest.fn(async () => ({ items: [] })),
  } as unknown as typeof catalogServiceRef.T;
  const permissions = mockServices.permissions.mock({
    authorize: async (requests: AuthorizePermissionRequest[], options) => {
      const user = userOf(options!.credentials);
      asked.push(
        requests.map(
          r => `${user} ${r.permission.name} ${(r as any).resourceRef}`,
        ),
      );
      if (decide) return decide();
      return requests.map(r => ({
        result:
          user === 'user:default/bob' &&
          r.permission.name === 'catalog.entity.read' &&
          (r as any).resourceRef === BILLING
            ? AuthorizeResult.DENY
            : AuthorizeResult.ALLOW,
      }));
    },
  });
  return { inner, permissions, reads, asked };
}

describe('catalogAsCallerSees', () => {
  it("reads the entity with the plugin's own credentials and shows it to those the policy lets see it", async () => {
    const { inner, permissions, reads, asked } = world();
    const catalog = catalogAsCallerSees({
      catalog: inner,
      permissions,
      auth: mockServices.auth({ pluginId: 'docker-services' }),
    });
    expect(await catalog.getEntityByRef(SHOP, { credentials: bob })).toEqual(
      stored.get(SHOP),
    );
    expect(
      await catalog.getEntityByRef(BILLING, { credentials: bob }),
    ).toBeUndefined();
    expect(
      await catalog.getEntityByRef(BILLING, { credentials: alice }),
    ).toEqual(stored.get(BILLING));
    // Never read with the caller's credentials; asked of the policy for them.
    expect(reads.every(r => r.startsWith('plugin:docker-services '))).toBe(
      true,
    );
    expect(asked).toEqual([
      [`user:default/bob catalog.entity.read ${SHOP}`],
      [`user:default/bob catalog.entity.read ${BILLING}`],
      [`user:default/alice catalog.entity.read ${BILLING}`],
    ]);
  });

  it('hides per item in a batched read, and answers a missing entity as missing', async () => {
    const { inner, permissions } = world();
    const catalog = catalogAsCallerSees({
      catalog: inner,
      permissions,
      auth: mockServices.auth(),
    });
    const { items } = await catalog.getEntitiesByRefs(
      { entityRefs: [BILLING, MISSING, SHOP] },
      { credentials: bob },
    );
    expect(items).toEqual([undefined, undefined, stored.get(SHOP)]);
  });

  it('answers a missing entity at once, even when the policy cannot be asked; a present one then fails', async () => {
    const { inner, permissions } = world(async () => {
      throw new Error('permission backend down');
    });
    const catalog = catalogAsCallerSees({
      catalog: inner,
      permissions,
      auth: mockServices.auth(),
    });
    expect(
      await catalog.getEntityByRef(MISSING, { credentials: bob }),
    ).toBeUndefined();
    await expect(
      catalog.getEntityByRef(SHOP, { credentials: bob }),
    ).rejects.toThrow('permission backend down');
  });

  it("passes reads of some fields, with a filter, and other methods through with the caller's credentials", async () => {
    const { inner, permissions, reads, asked } = world();
    const catalog = catalogAsCallerSees({
      catalog: inner,
      permissions,
      auth: mockServices.auth(),
    });
    await catalog.getEntitiesByRefs(
      { entityRefs: [SHOP], fields: ['metadata.etag'] },
      { credentials: bob },
    );
    await catalog.getEntities({}, { credentials: bob });
    expect(reads).toEqual([`user:default/bob ${SHOP}`]);
    expect(inner.getEntities).toHaveBeenCalledWith({}, { credentials: bob });
    expect(asked).toEqual([]);
  });

  it("behind the authorization cache: one read of an entity for many people, each person's decisions in one call", async () => {
    const { inner, permissions, reads, asked } = world();
    const cache = AuthorizationCache.create({
      onlyPermissions: ['catalog.entity.read', containerRead.name],
    });
    const cachedPermissions = cache.permissions(permissions);
    const catalog = catalogAsCallerSees({
      catalog: cache.catalog(inner),
      permissions: cachedPermissions,
      auth: mockServices.auth({ pluginId: 'docker-services' }),
    });
    const people = Array.from({ length: 5 }, (_, i) =>
      mockCredentials.user(`user:default/person-${i}`),
    );
    for (const credentials of people) {
      // As EntityAuthorizer asks: the route's decision, then the entity.
      const deciding = cachedPermissions.authorize(
        [{ permission: containerRead, resourceRef: SHOP }],
        { credentials },
      );
      expect(await catalog.getEntityByRef(SHOP, { credentials })).toEqual(
        stored.get(SHOP),
      );
      expect((await deciding)[0].result).toBe(AuthorizeResult.ALLOW);
    }
    expect(reads).toEqual([`plugin:docker-services ${SHOP}`]);
    expect(asked).toEqual(
      people.map(p => [
        `${userOf(p)} docker-services.container.read ${SHOP}`,
        `${userOf(p)} catalog.entity.read ${SHOP}`,
      ]),
    );
    await cache.stop();
  });
});
