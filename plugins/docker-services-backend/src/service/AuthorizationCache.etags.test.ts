import { mockCredentials } from '@backstage/backend-test-utils';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import {
  SHOP,
  shop,
  alice,
  bob,
  world,
  decide,
} from '../__testUtils__/authorizationCacheWorld';

// Answers dropped when the catalog changes (etag checks).

describe('AuthorizationCache', () => {
  describe('when the catalog changes', () => {
    /** The world of the other tests, with the entity's etag the test moves on. */
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
