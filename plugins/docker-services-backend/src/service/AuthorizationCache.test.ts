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
} from './AuthorizationCache';

const read = createPermission({
  name: 'docker-services.container.read',
  attributes: { action: 'read' },
  resourceType: 'catalog-entity',
});
const SHOP = 'component:default/shop';
const shop: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'shop', namespace: 'default' },
};
const alice = mockCredentials.user('user:default/alice');
const bob = mockCredentials.user('user:default/bob');

/** A catalog and a policy whose answers the test changes, and a clock it moves. */
function world(options: AuthorizationCacheOptions = {}) {
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

const decide = async (
  permissions: PermissionsService,
  credentials: BackstageCredentials = alice,
  resourceRef = SHOP,
) =>
  (
    await permissions.authorize([{ permission: read, resourceRef }], {
      credentials,
    })
  )[0].result;

describe('AuthorizationCache', () => {
  it('answers the same caller from memory within the life, and asks again after it', async () => {
    const w = world({ ttlMs: 5_000 });
    await expect(
      w.catalog.getEntityByRef(SHOP, { credentials: alice }),
    ).resolves.toBe(shop);
    await expect(
      w.catalog.getEntityByRef(SHOP, { credentials: alice }),
    ).resolves.toBe(shop);
    expect(await decide(w.permissions)).toBe(AuthorizeResult.ALLOW);
    expect(await decide(w.permissions)).toBe(AuthorizeResult.ALLOW);
    expect(w.getEntityByRef).toHaveBeenCalledTimes(1);
    expect(w.authorize).toHaveBeenCalledTimes(1);

    w.advance(5_000);
    await w.catalog.getEntityByRef(SHOP, { credentials: alice });
    await decide(w.permissions);
    expect(w.getEntityByRef).toHaveBeenCalledTimes(2);
    expect(w.authorize).toHaveBeenCalledTimes(2);
  });

  it('takes up to lifeJitter of the life off each answer at random, never adding to it', async () => {
    // People who came together do not all have their answers asked again at once.
    const w = world({ ttlMs: 5_000, lifeJitter: 0.2, random: () => 0.5 });
    await decide(w.permissions);
    w.advance(3_400); // within a life of 4.5 s (5 s less 0.5 × 0.2 of it)
    await decide(w.permissions);
    expect(w.authorize).toHaveBeenCalledTimes(1);
    w.advance(1_200); // 4.6 s: past it
    await decide(w.permissions);
    expect(w.authorize).toHaveBeenCalledTimes(2);

    const longest = world({ ttlMs: 5_000, random: () => 0 });
    await decide(longest.permissions);
    longest.advance(5_000);
    await decide(longest.permissions);
    expect(longest.authorize).toHaveBeenCalledTimes(2);
  });

  it('asks every time for a permission it is not told to reuse, such as one to act', async () => {
    const w = world({ onlyPermissions: ['docker-services.container.read'] });
    const start = createPermission({
      name: 'docker-services.container.start',
      attributes: { action: 'update' },
      resourceType: 'catalog-entity',
    });
    const ask = () =>
      w.permissions.authorize([{ permission: start, resourceRef: SHOP }], {
        credentials: alice,
      });
    expect((await ask())[0].result).toBe(AuthorizeResult.ALLOW);
    w.revoke('user:default/alice');
    // Revoked a moment ago, well within the life: refused at once.
    expect((await ask())[0].result).toBe(AuthorizeResult.DENY);
    expect(w.authorize).toHaveBeenCalledTimes(2);
    // Reads are still reused.
    await decide(w.permissions);
    await decide(w.permissions);
    expect(w.authorize).toHaveBeenCalledTimes(3);
  });

  it('a revoked reader sees nothing after the life ends', async () => {
    const w = world({ ttlMs: 5_000 });
    await expect(
      w.catalog.getEntityByRef(SHOP, { credentials: alice }),
    ).resolves.toBe(shop);
    expect(await decide(w.permissions)).toBe(AuthorizeResult.ALLOW);

    w.revoke('user:default/alice');
    // Within the life, the earlier answer may still be given: that is the bound.
    w.advance(4_999);
    await expect(
      w.catalog.getEntityByRef(SHOP, { credentials: alice }),
    ).resolves.toBe(shop);

    w.advance(1);
    await expect(
      w.catalog.getEntityByRef(SHOP, { credentials: alice }),
    ).resolves.toBeUndefined();
    expect(await decide(w.permissions)).toBe(AuthorizeResult.DENY);
  });

  it('asks again in the background near the end of the life; the new answer lives from its asking', async () => {
    const w = world({ ttlMs: 5_000, refreshAheadMs: 1_500 });
    const flush = () => new Promise(r => setImmediate(r));
    await w.catalog.getEntityByRef(SHOP, { credentials: alice });
    expect(await decide(w.permissions)).toBe(AuthorizeResult.ALLOW);
    // Before the last 1.5 s of the life: nothing asked again.
    w.advance(3_499);
    await w.catalog.getEntityByRef(SHOP, { credentials: alice });
    await decide(w.permissions);
    expect(w.getEntityByRef).toHaveBeenCalledTimes(1);
    expect(w.authorize).toHaveBeenCalledTimes(1);
    // In them: the kept answer now, one question in the background.
    w.advance(1);
    await expect(
      w.catalog.getEntityByRef(SHOP, { credentials: alice }),
    ).resolves.toBe(shop);
    expect(await decide(w.permissions)).toBe(AuthorizeResult.ALLOW);
    await w.catalog.getEntityByRef(SHOP, { credentials: alice });
    await decide(w.permissions);
    expect(w.getEntityByRef).toHaveBeenCalledTimes(2);
    expect(w.authorize).toHaveBeenCalledTimes(2);
    await flush();

    // Revoked after that question: the new answer (asked at 3,500) serves
    // past the old life, and not past its own.
    w.revoke('user:default/alice');
    w.advance(1_500);
    expect(await decide(w.permissions)).toBe(AuthorizeResult.ALLOW);
    expect(w.authorize).toHaveBeenCalledTimes(2);
    w.advance(3_500);
    expect(await decide(w.permissions)).toBe(AuthorizeResult.DENY);
    await expect(
      w.catalog.getEntityByRef(SHOP, { credentials: alice }),
    ).resolves.toBeUndefined();
  });

  it('does not keep a new answer when the old one was dropped while it was asked', async () => {
    const w = world({ ttlMs: 5_000, refreshAheadMs: 1_500 });
    await w.catalog.getEntityByRef(SHOP, { credentials: alice });
    let answer: (e: Entity) => void = () => undefined;
    w.getEntityByRef.mockImplementationOnce(
      () => new Promise<Entity>(r => (answer = r)),
    );
    w.advance(4_000);
    await w.catalog.getEntityByRef(SHOP, { credentials: alice });
    expect(w.getEntityByRef).toHaveBeenCalledTimes(2);
    // Dropped (as a catalog change drops it) before the answer came.
    w.cache.clear();
    answer(shop);
    await new Promise(r => setImmediate(r));
    w.revoke('user:default/alice');
    await expect(
      w.catalog.getEntityByRef(SHOP, { credentials: alice }),
    ).resolves.toBeUndefined();
    expect(w.getEntityByRef).toHaveBeenCalledTimes(3);
  });

  it("never gives one caller another's answer", async () => {
    const w = world();
    await w.catalog.getEntityByRef(SHOP, { credentials: alice });
    expect(await decide(w.permissions, alice)).toBe(AuthorizeResult.ALLOW);

    await expect(
      w.catalog.getEntityByRef(SHOP, { credentials: bob }),
    ).resolves.toBeUndefined();
    expect(await decide(w.permissions, bob)).toBe(AuthorizeResult.DENY);
    expect(w.getEntityByRef).toHaveBeenCalledTimes(2);
    expect(w.authorize).toHaveBeenCalledTimes(2);
  });

  it('tells two tokens of the same user apart by their expiry', async () => {
    const w = world();
    const first = { ...alice, expiresAt: new Date(2_000_000) };
    const second = { ...alice, expiresAt: new Date(3_000_000) };
    await w.catalog.getEntityByRef(SHOP, { credentials: first });
    await w.catalog.getEntityByRef(SHOP, { credentials: second });
    expect(w.getEntityByRef).toHaveBeenCalledTimes(2);
  });

  it('never remembers for a caller without a principal', async () => {
    const w = world();
    const nobody = mockCredentials.none();
    await w.catalog.getEntityByRef(SHOP, { credentials: nobody });
    await w.catalog.getEntityByRef(SHOP, { credentials: nobody });
    await decide(w.permissions, nobody);
    await decide(w.permissions, nobody);
    expect(w.getEntityByRef).toHaveBeenCalledTimes(2);
    expect(w.authorize).toHaveBeenCalledTimes(2);
  });

  it('asks only for the decisions it does not hold, in one call', async () => {
    const w = world();
    await decide(w.permissions, alice, SHOP);
    const other = 'component:default/other';
    const decisions = await w.permissions.authorize(
      [
        { permission: read, resourceRef: SHOP },
        { permission: read, resourceRef: other },
      ],
      { credentials: alice },
    );
    expect(decisions.map(d => d.result)).toEqual([
      AuthorizeResult.ALLOW,
      AuthorizeResult.ALLOW,
    ]);
    expect(w.authorize).toHaveBeenCalledTimes(2);
    expect(w.authorize.mock.calls[1][0]).toEqual([
      { permission: read, resourceRef: other },
    ]);
  });

  it('does not keep a failure', async () => {
    const w = world();
    w.getEntityByRef.mockRejectedValueOnce(new Error('catalog down'));
    await expect(
      w.catalog.getEntityByRef(SHOP, { credentials: alice }),
    ).rejects.toThrow('catalog down');
    await expect(
      w.catalog.getEntityByRef(SHOP, { credentials: alice }),
    ).resolves.toBe(shop);
  });

  it('keeps at most maxEntries answers, and forgets all on clear()', async () => {
    const w = world({ maxEntries: 2 });
    for (const name of ['a', 'b', 'c']) {
      await w.catalog.getEntityByRef(`component:default/${name}`, {
        credentials: alice,
      });
    }
    // "a" was the oldest and went; "c" is still held.
    await w.catalog.getEntityByRef('component:default/a', {
      credentials: alice,
    });
    await w.catalog.getEntityByRef('component:default/c', {
      credentials: alice,
    });
    expect(w.getEntityByRef).toHaveBeenCalledTimes(4);

    w.cache.clear();
    await w.catalog.getEntityByRef('component:default/c', {
      credentials: alice,
    });
    expect(w.getEntityByRef).toHaveBeenCalledTimes(5);
  });

  it('answers a batched read per entity and caller, asking only for what it does not hold', async () => {
    const w = world({ ttlMs: 5_000 });
    const OTHER = 'component:default/other';
    const batch = (credentials: BackstageCredentials, entityRefs: string[]) =>
      w.catalog.getEntitiesByRefs({ entityRefs }, { credentials });
    // A single read, then a batch that holds it: only the rest is asked for.
    await w.catalog.getEntityByRef(SHOP, { credentials: alice });
    await expect(batch(alice, [SHOP, OTHER])).resolves.toEqual({
      items: [shop, undefined],
    });
    expect(w.getEntitiesByRefs).toHaveBeenCalledTimes(1);
    expect(w.getEntitiesByRefs.mock.calls[0][0]).toEqual({
      entityRefs: [OTHER],
    });
    await expect(batch(alice, [OTHER, SHOP])).resolves.toEqual({
      items: [undefined, shop],
    });
    expect(w.getEntitiesByRefs).toHaveBeenCalledTimes(1);
    // Another caller is asked for, and sees only what they may.
    await expect(batch(bob, [SHOP])).resolves.toEqual({ items: [undefined] });
    expect(w.getEntitiesByRefs).toHaveBeenCalledTimes(2);
    // Some fields, or a filter, pass through.
    await w.catalog.getEntitiesByRefs(
      { entityRefs: [SHOP], fields: ['metadata.name'] },
      { credentials: alice },
    );
    expect(w.getEntitiesByRefs).toHaveBeenCalledTimes(3);
    // After the life, asked again.
    w.advance(5_000);
    await batch(alice, [SHOP]);
    expect(w.getEntitiesByRefs).toHaveBeenCalledTimes(4);
  });

  it("passes the catalog's other methods through", async () => {
    const w = world();
    await expect(
      w.catalog.getEntities({}, { credentials: alice }),
    ).resolves.toEqual({ items: [shop] });
  });

  describe('when the catalog changes', () => {
    /** The world above, with the entity's etag the test moves on. */
    function changing() {
      let etag: string | undefined = 'v1';
      const getEntitiesByRefs = jest.fn(async ({ entityRefs }: any) => ({
        items: entityRefs.map(() =>
          etag ? { metadata: { etag } } : undefined,
        ),
      }));
      const checkCatalog = {
        getEntitiesByRefs,
      } as unknown as typeof catalogServiceRef.T;
      const auth = {
        getOwnServiceCredentials: async () => mockCredentials.service(),
      } as any;
      const logger = { warn: jest.fn() } as any;
      const w = world({
        changes: { catalog: checkCatalog, auth, logger, checkMs: 60_000 },
      });
      w.getEntityByRef.mockImplementation(async () => ({
        ...shop,
        metadata: { ...shop.metadata, etag },
      }));
      return {
        ...w,
        getEntitiesByRefs,
        logger,
        setEtag: (next: string | undefined) => {
          etag = next;
        },
      };
    }

    it('drops every answer about an entity whose etag moved on, for every caller', async () => {
      const w = changing();
      await w.catalog.getEntityByRef(SHOP, { credentials: alice });
      await w.catalog.getEntityByRef(SHOP, { credentials: bob });
      await decide(w.permissions, alice);
      await w.cache.checkForChanges();
      // Unchanged: still answered from memory.
      await w.catalog.getEntityByRef(SHOP, { credentials: alice });
      await decide(w.permissions, alice);
      expect(w.getEntityByRef).toHaveBeenCalledTimes(2);
      expect(w.authorize).toHaveBeenCalledTimes(1);
      expect(w.getEntitiesByRefs.mock.calls[0][0]).toEqual({
        entityRefs: [SHOP],
        fields: ['metadata.etag'],
      });

      w.setEtag('v2');
      await w.cache.checkForChanges();
      await w.catalog.getEntityByRef(SHOP, { credentials: alice });
      await w.catalog.getEntityByRef(SHOP, { credentials: bob });
      await decide(w.permissions, alice);
      expect(w.getEntityByRef).toHaveBeenCalledTimes(4);
      expect(w.authorize).toHaveBeenCalledTimes(2);
      await w.cache.stop();
    });

    it('drops the answers about an entity that is gone', async () => {
      const w = changing();
      await w.catalog.getEntityByRef(SHOP, { credentials: alice });
      w.setEtag(undefined);
      await w.cache.checkForChanges();
      await w.catalog.getEntityByRef(SHOP, { credentials: alice });
      expect(w.getEntityByRef).toHaveBeenCalledTimes(2);
      await w.cache.stop();
    });

    it('drops decisions about an entity no read has shown yet at the first check, then keeps them', async () => {
      const w = changing();
      await decide(w.permissions, alice);
      w.advance(1);
      await w.cache.checkForChanges();
      await decide(w.permissions, alice);
      expect(w.authorize).toHaveBeenCalledTimes(2);
      w.advance(1);
      await w.cache.checkForChanges();
      await decide(w.permissions, alice);
      expect(w.authorize).toHaveBeenCalledTimes(2);
      await w.cache.stop();
    });

    it('forgets everything when the check fails', async () => {
      const w = changing();
      await w.catalog.getEntityByRef(SHOP, { credentials: alice });
      w.getEntitiesByRefs.mockRejectedValueOnce(new Error('catalog down'));
      await w.cache.checkForChanges();
      expect(w.logger.warn).toHaveBeenCalled();
      await w.catalog.getEntityByRef(SHOP, { credentials: alice });
      expect(w.getEntityByRef).toHaveBeenCalledTimes(2);
      await w.cache.stop();
    });
  });
});
