import { AuditorService } from '@backstage/backend-plugin-api';
import {
  dockerContainerLogsPermission,
  dockerContainerRestartPermission,
  dockerContainerStartPermission,
  dockerServiceScalePermission,
} from '@docker-services/backstage-plugin-docker-services-common';
import { ResourcePermission } from '@backstage/plugin-permission-common';
import { Request, Response, Router } from 'express';
import { ServiceChange } from './docker/DockerHost';
import { LogService } from './logs/LogService';
import {
  actionBody,
  logsQuery,
  parse,
  requireJsonOrEmpty,
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
    const { host, id } = parse(serviceParams, req.params, 'service address');
    const query = parse(logsQuery, req.query, 'query');
    const authorized = await authorizer.authorize(
      req,
      dockerContainerLogsPermission,
    );
    await logs.serveService({ req, res, ...authorized, host, id, query });
  });

  /** Scale or rolling restart: parse, authorize the user, act, answer. */
  const serviceAction =
    (
      permission: ResourcePermission<'catalog-entity'>,
      parseBody: (body: unknown) => { change: ServiceChange; reason?: string },
    ) =>
    async (req: Request, res: Response) => {
      const { host, id } = parse(serviceParams, req.params, 'service address');
      requireJsonOrEmpty(req);
      const { change, reason } = parseBody(req.body);
      const authorized = await authorizer.authorizeAction(req, permission);
      // A restart of a job runs its tasks again: that takes the start permission too.
      const mayStartJobs =
        change.kind === 'restart' &&
        (await authorizer.allows(authorized, dockerContainerStartPermission));
      const result = await serviceActions.run({
        req,
        ...authorized,
        host,
        id,
        change,
        reason,
        mayStartJobs,
      });
      res.status(result.stateUnknown ? 202 : 200).json(result);
    };

  // Scale a replicated service, within the portal's limits.
  router.post(
    `${SERVICE}/scale`,
    serviceAction(dockerServiceScalePermission, body => {
      const { replicas, reason } = parse(scaleBody, body, 'request body');
      return { change: { kind: 'scale', replicas }, reason };
    }),
  );

  // Rolling restart: the same spec, its tasks replaced a few at a time.
  router.post(
    `${SERVICE}/restart`,
    serviceAction(dockerContainerRestartPermission, body => {
      const { reason } = parse(actionBody, body, 'request body');
      return { change: { kind: 'restart' }, reason };
    }),
  );
}
