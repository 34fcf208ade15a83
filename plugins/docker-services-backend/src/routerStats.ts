import { dockerContainerReadPermission } from '@docker-services/backstage-plugin-docker-services-common';
import { Router } from 'express';
import { containerParams, parse } from './routerSchemas';
import { EntityAuthorizer } from './service/EntityAuthorizer';
import { LiveStatsService } from './stats/LiveStatsService';

/**
 * A running container's live CPU, memory and network use: NDJSON, first
 * the samples of the last minutes, then each new one while the request is
 * open. Checked as the one-sample stats route is: the entity readable, the
 * container bound to it on that host, the read permission.
 */
export function addLiveStatsRoutes(
  router: Router,
  options: {
    container: string;
    authorizer: EntityAuthorizer;
    liveStats: LiveStatsService;
  },
) {
  const { container: CONTAINER, authorizer, liveStats } = options;
  router.get(`${CONTAINER}/stats/live`, async (req, res) => {
    const { host, id } = parse(
      containerParams,
      req.params,
      'container address',
    );
    const authorized = await authorizer.authorize(
      req,
      dockerContainerReadPermission,
    );
    await liveStats.serve({ req, res, ...authorized, host, id });
  });
}
