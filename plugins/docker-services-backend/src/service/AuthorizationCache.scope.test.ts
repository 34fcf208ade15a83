import { mockCredentials } from '@backstage/backend-test-utils';
import {
  AuthorizeResult,
  createPermission,
} from '@backstage/plugin-permission-common';
import {
  SHOP,
  shop,
  alice,
  bob,
  world,
  decide,
} from '../__testUtils__/authorizationCacheWorld';

// Whose answers are kept, and which: one caller's never serve another; acts and other methods pass through.

describe('AuthorizationCache', () => {
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

  it("passes the catalog's other methods through", async () => {
    const w = world();
    await expect(
      w.catalog.getEntities({}, { credentials: alice }),
    ).resolves.toEqual({ items: [shop] });
  });
});
