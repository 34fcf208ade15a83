import { AuditorService } from '@backstage/backend-plugin-api';
import { dockerContainerLogsPermission } from '@docker-services/backstage-plugin-docker-services-common';
import { Router } from 'express';
import { DiagnosisService } from './diagnosis/DiagnosisService';
import { LogService } from './logs/LogService';
import { containerParams, logsQuery, parse } from './routerSchemas';
import { containerRead, entityRead } from './routerReads';
import { sendJsonBody } from './routerJsonBody';
import { JsonBodies } from './service/JsonBodies';
import { addLiveStatsRoutes } from './routerStats';
import { ContainerService } from './service/ContainerService';
import { EntityAuthorizer } from './service/EntityAuthorizer';
import { LiveStatsService } from './stats/LiveStatsService';

/**
 * The reads of an entity's containers: the list on each of its hosts, one
 * container's details, diagnosis, resource use (one sample, or live when
 * `liveStats` is given) and log.
 */
export function addContainerRoutes(
  router: Router,
  options: {
    entity: string;
    container: string;
    authorizer: EntityAuthorizer;
    containers: ContainerService;
    diagnosis: DiagnosisService;
    logs: LogService;
    auditor: AuditorService;
    liveStats?: LiveStatsService;
  },
) {
  const {
    entity: ENTITY,
    container: CONTAINER,
    authorizer,
    containers,
    diagnosis,
    logs,
  } = options;

  // The entity's containers on each of its hosts. The answer is kept,
  // serialised, while the index it comes from is unchanged: a tab reloaded
  // costs neither its building nor its compression, and a browser that
  // holds it gets a 304. Each request is authorized and audited first.
  const lists = new JsonBodies();
  router.get(
    `${ENTITY}/containers`,
    entityRead(
      options,
      'container-list',
      ({ entity, entityRef }) =>
        lists.get(
          entityRef,
          () => containers.listVersion?.({ entity }),
          () => containers.listContainers({ entity }),
        ),
      sendJsonBody,
    ),
  );

  // One container of the entity, with its recent health checks.
  router.get(
    CONTAINER,
    containerRead(options, 'container-details', r =>
      containers.getContainerDetails(r),
    ),
  );

  // Why it stopped, is restarting or is unhealthy, in words, with its last lines.
  router.get(
    `${CONTAINER}/diagnosis`,
    containerRead(options, 'container-diagnosis', r => diagnosis.diagnose(r)),
  );

  // One resource-use sample of a running container.
  router.get(
    `${CONTAINER}/stats`,
    containerRead(options, 'container-stats', r =>
      containers.getContainerStats(r),
    ),
  );
  if (options.liveStats) {
    addLiveStatsRoutes(router, {
      container: CONTAINER,
      authorizer,
      liveStats: options.liveStats,
    });
  }

  // One container's log: NDJSON lines, or a text download; optionally followed live.
  router.get(`${CONTAINER}/logs`, async (req, res) => {
    const { host, id } = parse(
      containerParams,
      req.params,
      'container address',
    );
    const query = parse(logsQuery, req.query, 'query');
    const authorized = await authorizer.authorize(
      req,
      dockerContainerLogsPermission,
    );
    await logs.serve({ req, res, ...authorized, host, id, query });
  });
}
