import { AuditorService } from '@backstage/backend-plugin-api';
import {
  dockerContainerActionPermissions,
  dockerContainerLogsPermission,
  dockerContainerReadPermission,
  dockerContainerStartPermission,
} from '@docker-services/backstage-plugin-docker-services-common';
import { LogService } from './logs/LogService';
import express, { NextFunction, Request, Response } from 'express';
import { Entity } from '@backstage/catalog-model';
import Router from 'express-promise-router';
import { HistoryStore } from './database/HistoryStore';
import { auditedRead } from './service/auditedRead';
import { ContainerActions } from './service/ContainerActions';
import { ContainerService } from './service/ContainerService';
import { EntityAuthorizer } from './service/EntityAuthorizer';
import { FleetService } from './fleet/FleetService';
import { DiagnosisService } from './diagnosis/DiagnosisService';
import { AskOwners } from './notifications/AskOwners';
import { TooManyRequestsError } from './TooManyRequestsError';
import { ServiceActions } from './swarm/ServiceActions';
import { SwarmServices } from './swarm/SwarmServices';
import { JobService } from './jobs/JobService';
import { JobSchedules } from './jobs/JobSchedules';
import { addJobRoutes } from './routerJobs';
import { addSwarmRoutes } from './routerSwarm';
import { addMergedLogRoutes } from './routerMergedLogs';
import { addStatusRoutes } from './routerStatus';
import { addLiveStatsRoutes } from './routerStats';
import { LiveStatsService } from './stats/LiveStatsService';
import {
  actionBody,
  containerParams,
  fleetMineQuery,
  fleetQuery,
  historyQuery,
  logsQuery,
  parse,
  parseAction,
  requireJsonOrEmpty,
  askOwnersBody,
} from './routerSchemas';

const ENTITY = '/entities/:kind/:namespace/:name';
const CONTAINER = `${ENTITY}/containers/:host/:id`;
const SERVICE = `${ENTITY}/services/:host/:id`;

/** Declares the HTTP routes; each parses input, authorizes, and calls a service. */
export async function createRouter(options: {
  authorizer: EntityAuthorizer;
  containers: ContainerService;
  actions: ContainerActions;
  logs: LogService;
  history: HistoryStore;
  auditor: AuditorService;
  fleet: FleetService;
  diagnosis: DiagnosisService;
  askOwners: AskOwners;
  services: SwarmServices;
  serviceActions: ServiceActions;
  jobs: JobService;
  jobSchedules: JobSchedules;
  /** When given, the live charts' route is served. */
  liveStats?: LiveStatsService;
}): Promise<express.Router> {
  const {
    authorizer,
    containers,
    actions,
    logs,
    history,
    auditor,
    fleet,
    diagnosis,
    askOwners,
    services,
    serviceActions,
    jobs,
    jobSchedules,
  } = options;
  const router = Router();
  // The status of many entities at once; before the body parser below,
  // since its body may be larger.
  addStatusRoutes(router, { authorizer, containers, services, jobs, auditor });
  router.use(express.json({ limit: '16kb' }));

  /** A read about the entity as a whole: authorize, audit (low), answer. */
  const entityRead =
    <T>(eventId: string, read: (entity: Entity) => Promise<T>) =>
    async (req: Request, res: Response) => {
      const { entity, entityRef } = await authorizer.authorize(
        req,
        dockerContainerReadPermission,
      );
      res.json(
        await auditedRead(auditor, { req, eventId, meta: { entityRef } }, () =>
          read(entity),
        ),
      );
    };

  // The entity's containers on each of its hosts.
  router.get(
    `${ENTITY}/containers`,
    entityRead('container-list', entity =>
      containers.listContainers({ entity }),
    ),
  );

  /** A read of one of the entity's containers: parse, authorize, audit (low), answer. */
  const containerRead =
    <T>(
      eventId: string,
      read: (request: {
        entity: Entity;
        host: string;
        id: string;
      }) => Promise<T>,
    ) =>
    async (req: Request, res: Response) => {
      const { host, id } = parse(
        containerParams,
        req.params,
        'container address',
      );
      const { entity, entityRef } = await authorizer.authorize(
        req,
        dockerContainerReadPermission,
      );
      res.json(
        await auditedRead(
          auditor,
          { req, eventId, meta: { entityRef, host, containerId: id } },
          () => read({ entity, host, id }),
        ),
      );
    };

  // One container of the entity, with its recent health checks.
  router.get(
    CONTAINER,
    containerRead('container-details', r => containers.getContainerDetails(r)),
  );

  // Why it stopped, is restarting or is unhealthy, in words, with its last lines.
  router.get(
    `${CONTAINER}/diagnosis`,
    containerRead('container-diagnosis', r => diagnosis.diagnose(r)),
  );

  // One resource-use sample of a running container.
  router.get(
    `${CONTAINER}/stats`,
    containerRead('container-stats', r => containers.getContainerStats(r)),
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

  // All the entity's containers' logs as one, merged by time.
  addMergedLogRoutes(router, { entity: ENTITY, authorizer, logs });

  // Someone who may read but not act asks the owners to start or restart it.
  router.post(`${CONTAINER}/ask-owners`, async (req, res) => {
    const { host, id } = parse(
      containerParams,
      req.params,
      'container address',
    );
    requireJsonOrEmpty(req);
    const { action, reason } = parse(askOwnersBody, req.body, 'request body');
    const authorized = await authorizer.authorize(
      req,
      dockerContainerReadPermission,
    );
    res.json(
      await askOwners.ask({ req, ...authorized, host, id, action, reason }),
    );
  });

  // Jobs: runs, their logs, run now and schedules (before `/:action`).
  addJobRoutes(router, {
    entity: ENTITY,
    container: CONTAINER,
    authorizer,
    jobs,
    scheduling: jobSchedules,
    logs,
    auditor,
  });

  // Start, stop or restart one container of the entity.
  router.post(`${CONTAINER}/:action`, async (req, res) => {
    const action = parseAction(req);
    const { host, id } = parse(
      containerParams,
      req.params,
      'container address',
    );
    requireJsonOrEmpty(req);
    const { reason } = parse(actionBody, req.body, 'request body');
    const authorized = await authorizer.authorizeAction(
      req,
      dockerContainerActionPermissions[action],
    );
    // A restart of a stopped container starts it: that takes the start permission too.
    const mayStartStopped =
      action !== 'restart' ||
      (await authorizer.allows(authorized, dockerContainerStartPermission));
    const result = await actions.run({
      req,
      ...authorized,
      host,
      id,
      action,
      reason,
      mayStartStopped,
    });
    res.status(result.stateUnknown ? 202 : 200).json(result);
  });

  addSwarmRoutes(router, {
    entity: ENTITY,
    service: SERVICE,
    authorizer,
    services,
    serviceActions,
    logs,
    auditor,
  });

  // Who did what to the entity's containers, newest first.
  router.get(`${ENTITY}/history`, async (req, res) => {
    const { limit, before } = parse(historyQuery, req.query, 'query');
    const { entityRef } = await authorizer.authorize(
      req,
      dockerContainerReadPermission,
    );
    res.json(
      await auditedRead(
        auditor,
        { req, eventId: 'history-read', meta: { entityRef } },
        async () =>
          askOwners.withAskAgainAt(
            await history.list({ entityRef, limit, before }),
          ),
      ),
    );
  });

  // Containers across every host: who they belong to and whom to ask.
  router.get('/fleet/containers', async (req, res) => {
    const { q, limit } = parse(fleetQuery, req.query, 'query');
    const credentials = await authorizer.userCredentials(req);
    res.json(
      await auditedRead(
        auditor,
        { req, eventId: 'fleet-search', meta: {} },
        () => fleet.search({ credentials, q, limit }),
      ),
    );
  });

  // The caller's own services (owned by them or their groups), worst first.
  router.get('/fleet/mine', async (req, res) => {
    parse(fleetMineQuery, req.query, 'query');
    const credentials = await authorizer.userCredentials(req);
    res.json(
      await auditedRead(auditor, { req, eventId: 'fleet-mine', meta: {} }, () =>
        fleet.mine(credentials),
      ),
    );
  });

  // A refusal for now (too many log streams, asked too often) says when to retry.
  router.use(
    (error: unknown, _req: Request, res: Response, next: NextFunction) => {
      if (error instanceof TooManyRequestsError && !res.headersSent) {
        res.setHeader('Retry-After', String(error.retryAfterSeconds));
      }
      next(error);
    },
  );
  return router;
}
