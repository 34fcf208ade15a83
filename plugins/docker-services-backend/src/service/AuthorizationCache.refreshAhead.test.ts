import { Entity } from '@backstage/catalog-model';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  SHOP,
  shop,
  alice,
  world,
  decide,
} from '../__testUtils__/authorizationCacheWorld';

// An answer used in its last refreshAheadMs is asked again in the background.

describe('AuthorizationCache', () => {
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
});
