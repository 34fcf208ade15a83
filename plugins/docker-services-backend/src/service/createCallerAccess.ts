import {
  AuthService,
  LoggerService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { catalogEntityReadPermission } from '@backstage/plugin-catalog-common/alpha';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  dockerContainerLogsPermission,
  dockerContainerReadPermission,
  dockerFleetReadPermission,
} from '@docker-services/backstage-plugin-docker-services-common';
import { AuthorizationCache } from './AuthorizationCache';
import { catalogAsCallerSees } from './catalogAsCallerSees';

/**
 * The permissions and the catalog as the routes and the fleet ask them for
 * a caller, wired: read decisions reused for `readDecisionMs` (a tab
 * reloading every second; a decision to act is asked every time), a
 * route's decisions and the catalog's in one call, and the catalog as each
 * caller sees it: one shared read per entity, shown to those the policy
 * lets read it. `stop` ends the cache's checks for catalog changes at
 * shutdown.
 */
export function createCallerAccess(options: {
  /** The catalog itself. */
  catalog: CatalogService;
  /** The permissions service itself. */
  permissions: PermissionsService;
  auth: AuthService;
  logger: LoggerService;
  /** How long a read decision is reused (default 5 s). */
  readDecisionMs?: number;
}): {
  permissions: PermissionsService;
  catalog: CatalogService;
  stop: () => Promise<void>;
} {
  const { catalog, permissions, auth, logger } = options;
  const cache = AuthorizationCache.create({
    ttlMs: options.readDecisionMs,
    onlyPermissions: [
      catalogEntityReadPermission.name,
      dockerContainerReadPermission.name,
      dockerContainerLogsPermission.name,
      dockerFleetReadPermission.name,
    ],
    // Answers about an entity are dropped once its etag changes.
    changes: { catalog, auth, logger },
  });
  const callerPermissions = cache.permissions(permissions);
  return {
    permissions: callerPermissions,
    catalog: catalogAsCallerSees({
      catalog: cache.catalog(catalog),
      permissions: callerPermissions,
      auth,
    }),
    stop: () => cache.stop(),
  };
}
