import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  SHOP,
  shop,
  alice,
  world,
  decide,
} from '../__testUtils__/authorizationCacheWorld';

// How long answers live (with jitter), how many are kept, and that a failure is not.

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
});
