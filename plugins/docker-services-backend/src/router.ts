import { AuditorService } from '@backstage/backend-plugin-api';
import { LogService } from './logs/LogService';
import express, { NextFunction, Request, Response } from 'express';
import Router from 'express-promise-router';
import { HistoryStore } from './database/HistoryStore';
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
import { addActionRoutes } from './routerActions';
import { addContainerRoutes } from './routerContainers';
import { addFleetRoutes } from './routerFleet';
import { addJobRoutes } from './routerJobs';
import { addSwarmRoutes } from './routerSwarm';
import { addMergedLogRoutes } from './routerMergedLogs';
import { addStatusRoutes } from './routerStatus';
import { LiveStatsService } from './stats/LiveStatsService';

const ENTITY = '/entities/:kind/:namespace/:name';
const CONTAINER = `${ENTITY}/containers/:host/:id`;
const SERVICE = `${ENTITY}/services/:host/:id`;

/**
 * Declares the HTTP routes, by area (each `router*.ts` beside this one);
 * each parses input, authorizes, and calls a service.
 */
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
  const { authorizer, containers, logs, auditor, services, jobs } = options;
  const router = Router();
  // The status of many entities at once; before the body parser below,
  // since its body may be larger.
  addStatusRoutes(router, { authorizer, containers, services, jobs, auditor });
  router.use(express.json({ limit: '16kb' }));

  // The entity's containers, one container's details, use and log.
  addContainerRoutes(router, {
    ...options,
    entity: ENTITY,
    container: CONTAINER,
  });
  // All the entity's containers' logs as one, merged by time.
  addMergedLogRoutes(router, { entity: ENTITY, authorizer, logs });
  // Jobs: runs, their logs, run now and schedules (before `/:action`).
  addJobRoutes(router, {
    entity: ENTITY,
    container: CONTAINER,
    authorizer,
    jobs,
    scheduling: options.jobSchedules,
    logs,
    auditor,
  });
  // Start, stop, restart, asking the owners to, and the history of it.
  addActionRoutes(router, {
    ...options,
    entity: ENTITY,
    container: CONTAINER,
  });
  addSwarmRoutes(router, {
    ...options,
    entity: ENTITY,
    service: SERVICE,
  });
  // Containers across every host, and the caller's own services.
  addFleetRoutes(router, options);

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
