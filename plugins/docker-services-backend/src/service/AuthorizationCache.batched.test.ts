import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  read,
  SHOP,
  shop,
  alice,
  bob,
  world,
  decide,
} from '../__testUtils__/authorizationCacheWorld';

// Batched decisions and batched reads: only what is not held is asked for.

describe('AuthorizationCache', () => {
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
});
