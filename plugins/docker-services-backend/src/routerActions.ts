import { AuditorService } from '@backstage/backend-plugin-api';
import {
  dockerContainerActionPermissions,
  dockerContainerReadPermission,
  dockerContainerStartPermission,
} from '@docker-services/backstage-plugin-docker-services-common';
import { Router } from 'express';
import { HistoryStore } from './database/HistoryStore';
import { AskOwners } from './notifications/AskOwners';
import {
  actionBody,
  askOwnersBody,
  containerParams,
  historyQuery,
  parse,
  parseAction,
  requireJsonOrEmpty,
} from './routerSchemas';
import { auditedRead } from './service/auditedRead';
import { ContainerActions } from './service/ContainerActions';
import { EntityAuthorizer } from './service/EntityAuthorizer';

/**
 * Acting on an entity's containers: start, stop or restart one; ask its
 * owners to, for someone who may read but not act; and the history of who
 * did what. Added after every other `${container}/<word>` POST route, since
 * `/:action` takes any word (and refuses the ones that are not actions).
 */
export function addActionRoutes(
  router: Router,
  options: {
    entity: string;
    container: string;
    authorizer: EntityAuthorizer;
    actions: ContainerActions;
    askOwners: AskOwners;
    history: HistoryStore;
    auditor: AuditorService;
  },
) {
  const {
    entity: ENTITY,
    container: CONTAINER,
    authorizer,
    actions,
    askOwners,
    history,
    auditor,
  } = options;

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
}
