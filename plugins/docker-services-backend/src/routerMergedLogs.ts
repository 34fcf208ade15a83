import { dockerContainerLogsPermission } from '@docker-services/backstage-plugin-docker-services-common';
import { Router } from 'express';
import { LogService } from './logs/LogService';
import { containerParams, logsQuery, parse } from './routerSchemas';
import { EntityAuthorizer } from './service/EntityAuthorizer';

/** The merged log's query: a container log's, and which host (all when absent). */
const mergedLogsQuery = logsQuery.extend({
  host: containerParams.shape.host.optional(),
});

/**
 * The logs of all the entity's containers on a host (or all its hosts),
 * merged by Docker's timestamps: NDJSON lines naming their container, or a
 * text download; optionally followed live. The containers are found on the
 * server; the client names only the entity and the host.
 */
export function addMergedLogRoutes(
  router: Router,
  options: { entity: string; authorizer: EntityAuthorizer; logs: LogService },
) {
  const { entity: ENTITY, authorizer, logs } = options;
  router.get(`${ENTITY}/logs`, async (req, res) => {
    const { host, ...query } = parse(mergedLogsQuery, req.query, 'query');
    const authorized = await authorizer.authorize(
      req,
      dockerContainerLogsPermission,
    );
    await logs.serveEntity({ req, res, ...authorized, host, query });
  });
}
