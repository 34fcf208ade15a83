import {
  AuthService,
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { catalogEntityReadPermission } from '@backstage/plugin-catalog-common/alpha';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { refOf } from './authorizationCacheKeys';
import { withEntityReads } from './cachedCatalog';

type CatalogService = typeof catalogServiceRef.T;

/**
 * The catalog as each caller sees it, built from one read for everyone and
 * the caller's own decision to see each entity.
 *
 * The catalog hides an entity from a person by asking the permission
 * policy about `catalog.entity.read` and applying its answer (its
 * conditions, such as "owned by the caller", on the stored entity). Here
 * the same question is asked of the same policy, for that one entity
 * (`resourceRef`: the permission backend applies the catalog's conditions
 * through the catalog itself), and the entity comes from a read with the
 * plugin's own credentials, which `catalog` may answer for every caller
 * alike (a cached catalog keeps it until the entity's etag moves on). So
 * what a caller gets is exactly what the catalog would give them, while
 * 200 people reloading a tab cost one catalog read per entity instead of
 * one each; and the visibility decision travels in the same permission
 * call as the caller's other decisions when `permissions` batches them.
 *
 * An entity the catalog does not have is answered as missing at once,
 * without waiting on the decision. Reads of some fields or with a filter,
 * and every other method, go to the catalog with the caller's credentials,
 * as before.
 */
export function catalogAsCallerSees(options: {
  /** The catalog, read with the plugin's own credentials (cached or not). */
  catalog: CatalogService;
  /** Asked the caller's `catalog.entity.read` decisions. */
  permissions: PermissionsService;
  /** For the plugin's own credentials. */
  auth: AuthService;
}): CatalogService {
  const { catalog, permissions, auth } = options;

  /** Whether the caller may see each of `entityRefs`, asked at once. */
  const mayRead = (entityRefs: string[], credentials: BackstageCredentials) => {
    const deciding = permissions
      .authorize(
        entityRefs.map(resourceRef => ({
          permission: catalogEntityReadPermission,
          resourceRef,
        })),
        { credentials },
      )
      .then(decisions =>
        decisions.map(d => d.result === AuthorizeResult.ALLOW),
      );
    // Its failure matters only for entities that exist.
    deciding.catch(() => {});
    return deciding;
  };

  const getEntityByRef: CatalogService['getEntityByRef'] = async (
    ref,
    { credentials },
  ) => {
    const deciding = mayRead([refOf(ref)], credentials);
    const entity = await catalog.getEntityByRef(ref, {
      credentials: await auth.getOwnServiceCredentials(),
    });
    if (!entity) return undefined;
    const [visible] = await deciding;
    return visible ? entity : undefined;
  };

  const getEntitiesByRefs: CatalogService['getEntitiesByRefs'] = async (
    request,
    options_,
  ) => {
    if (request.fields || request.filter) {
      return catalog.getEntitiesByRefs(request, options_);
    }
    const refs = request.entityRefs.map(ref => refOf(ref));
    const deciding = mayRead(refs, options_.credentials);
    const { items } = await catalog.getEntitiesByRefs(
      { entityRefs: request.entityRefs },
      { credentials: await auth.getOwnServiceCredentials() },
    );
    if (items.every(item => !item))
      return { items: items.map(() => undefined) };
    const visible = await deciding;
    return {
      items: items.map((item, i) =>
        item && visible[i] ? item : (undefined as Entity | undefined),
      ),
    };
  };

  return withEntityReads(catalog, { getEntityByRef, getEntitiesByRefs });
}
