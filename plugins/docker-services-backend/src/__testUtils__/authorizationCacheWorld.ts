import {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { mockCredentials } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import {
  AuthorizeResult,
  createPermission,
} from '@backstage/plugin-permission-common';
import {
  AuthorizationCache,
  AuthorizationCacheOptions,
} from '../service/AuthorizationCache';

// The world of AuthorizationCache's unit tests (AuthorizationCache.*.test.ts).

export const read = createPermission({
  name: 'docker-services.container.read',
  attributes: { action: 'read' },
  resourceType: 'catalog-entity',
});
export const SHOP = 'component:default/shop';
export const shop: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'shop', namespace: 'default' },
};
export const alice = mockCredentials.user('user:default/alice');
export const bob = mockCredentials.user('user:default/bob');

/** A catalog and a policy whose answers the test changes, and a clock it moves. */
export function world(options: AuthorizationCacheOptions = {}) {
  let now = 1_000_000;
  const visibleTo = new Set(['user:default/alice']);
  const allowed = new Set(['user:default/alice']);
  const userOf = (c: any) => c.principal.userEntityRef as string;
  const getEntityByRef = jest.fn(async (_ref: unknown, { credentials }: any) =>
    visibleTo.has(userOf(credentials)) ? shop : undefined,
  );
  const authorize = jest.fn(
    async (requests: unknown[], { credentials }: any) =>
      requests.map(() => ({
        result: allowed.has(userOf(credentials))
          ? AuthorizeResult.ALLOW
          : AuthorizeResult.DENY,
      })) as any,
  );
  const getEntitiesByRefs = jest.fn(
    async ({ entityRefs }: { entityRefs: string[] }, { credentials }: any) => ({
      items: entityRefs.map(ref =>
        ref === SHOP && visibleTo.has(userOf(credentials)) ? shop : undefined,
      ),
    }),
  );
  const innerCatalog = {
    getEntityByRef,
    getEntitiesByRefs,
    getEntities: jest.fn(async () => ({ items: [shop] })),
  } as unknown as typeof catalogServiceRef.T;
  const innerPermissions = {
    authorize,
    authorizeConditional: jest.fn(),
  } as unknown as PermissionsService;
  const cache = AuthorizationCache.create({
    lifeJitter: 0,
    ...options,
    now: () => now,
  });
  return {
    catalog: cache.catalog(innerCatalog),
    permissions: cache.permissions(innerPermissions),
    cache,
    getEntityByRef,
    getEntitiesByRefs,
    authorize,
    revoke: (user: string) => {
      visibleTo.delete(user);
      allowed.delete(user);
    },
    advance: (ms: number) => {
      now += ms;
    },
  };
}

export const decide = async (
  permissions: PermissionsService,
  credentials: BackstageCredentials = alice,
  resourceRef = SHOP,
) =>
  (
    await permissions.authorize([{ permission: read, resourceRef }], {
      credentials,
    })
  )[0].result;
