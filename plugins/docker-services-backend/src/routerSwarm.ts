import { AuditorService } from '@backstage/backend-plugin-api';
import {
  dockerContainerLogsPermission,
  dockerContainerRestartPermission,
  dockerContainerStartPermission,
  dockerServiceScalePermission,
} from '@docker-services/backstage-plugin-docker-services-common';
import { ResourcePermission } from '@backstage/plugin-permission-common';
import { Request, Router } from 'express';
import { z } from 'zod/v3';
import { ServiceChange } from './docker/DockerHost';
import { LogService } from './logs/LogService';
import { jsonAction } from './routerJsonAction';
import {
  actionBody,
  logsQuery,
  parse,
  scaleBody,
  serviceParams,
} from './routerSchemas';
import { entityRead } from './routerReads';
import { EntityAuthorizer } from './service/EntityAuthorizer';
import { ServiceActions } from './swarm/ServiceActions';
import { SwarmServices } from './swarm/SwarmServices';

/**
 * The Swarm routes: an entity's services on the hosts that are Swarm
 * managers, each service's log, scale and rolling restart.
 */
export function addSwarmRoutes(
  router: Router,
  options: {
    entity: string;
    service: string;
    authorizer: EntityAuthorizer;
    services: SwarmServices;
    serviceActions: ServiceActions;
    logs: LogService;
    auditor: AuditorService;
  },
) {
  const { entity: ENTITY, service: SERVICE } = options;
  const { authorizer, services, serviceActions, logs } = options;

  // The entity's Swarm services, with their tasks per node, on the hosts
  // that are Swarm managers.
  router.get(
    `${ENTITY}/services`,
    entityRead(options, 'service-list', ({ entity }) =>
      services.listServices({ entity }),
    ),
  );

  // One service's log, all its tasks: as a container's, each line naming
  // its task and node.
  router.get(`${SERVICE}/logs`, async (req, res) => {
    const { host, id } = serviceAddress(req);
    const query = parse(logsQuery, req.query, 'query');
    const authorized = await authorizer.authorize(
      req,
      dockerContainerLogsPermission,
    );
    await logs.serveService({ req, res, ...authorized, host, id, query });
  });

  /** Scale or rolling restart: the body read into a change, for a user allowed `permission`. */
  const serviceAction = <B extends z.ZodTypeAny>(
    permission: ResourcePermission<'catalog-entity'>,
    body: B,
    toChange: (body: z.output<B>) => { change: ServiceChange; reason?: string },
  ) =>
    jsonAction({
      params: serviceAddress,
      body,
      authorize: req => authorizer.authorizeAction(req, permission),
      act: async ({ req, authorized, params, body: parsed }) => {
        const { change, reason } = toChange(parsed);
        // A restart of a job runs its tasks again: that takes the start permission too.
        const mayStartJobs =
          change.kind === 'restart' &&
          (await authorizer.allows(authorized, dockerContainerStartPermission));
        return serviceActions.run({
          req,
          ...authorized,
          ...params,
          change,
          reason,
          mayStartJobs,
        });
      },
      status: result => (result.stateUnknown ? 202 : 200),
    });

  // Scale a replicated service, within the portal's limits.
  router.post(
    `${SERVICE}/scale`,
    serviceAction(dockerServiceScalePermission, scaleBody, b => ({
      change: { kind: 'scale', replicas: b.replicas },
      reason: b.reason,
    })),
  );

  // Rolling restart: the same spec, its tasks replaced a few at a time.
  router.post(
    `${SERVICE}/restart`,
    serviceAction(dockerContainerRestartPermission, actionBody, b => ({
      change: { kind: 'restart' },
      reason: b.reason,
    })),
  );
}

/** The host and full id of a Swarm service, from the URL (400 when not). */
function serviceAddress(req: Request) {
  return parse(serviceParams, req.params, 'service address');
}
