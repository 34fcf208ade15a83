import { AuditorService } from '@backstage/backend-plugin-api';
import {
  dockerContainerActionPermissions,
  dockerContainerReadPermission,
  dockerContainerStartPermission,
} from '@docker-services/backstage-plugin-docker-services-common';
import { Router } from 'express';
import { HistoryStore } from './database/HistoryStore';
import { AskOwners } from './notifications/AskOwners';
import { containerAddress, jsonAction } from './routerJsonAction';
import {
  actionBody,
  askOwnersBody,
  historyQuery,
  parse,
  parseAction,
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
  router.post(
    `${CONTAINER}/ask-owners`,
    jsonAction({
      params: containerAddress,
      body: askOwnersBody,
      authorize: req =>
        authorizer.authorize(req, dockerContainerReadPermission),
      act: ({ req, authorized, params, body }) =>
        askOwners.ask({ req, ...authorized, ...params, ...body }),
    }),
  );

  // Start, stop or restart one container of the entity.
  router.post(
    `${CONTAINER}/:action`,
    jsonAction({
      params: req => ({ action: parseAction(req), ...containerAddress(req) }),
      body: actionBody,
      authorize: (req, { action }) =>
        authorizer.authorizeAction(
          req,
          dockerContainerActionPermissions[action],
        ),
      act: async ({ req, authorized, params, body: { reason } }) => {
        // A restart of a stopped container starts it: that takes the start permission too.
        const mayStartStopped =
          params.action !== 'restart' ||
          (await authorizer.allows(authorized, dockerContainerStartPermission));
        return actions.run({
          req,
          ...authorized,
          ...params,
          reason,
          mayStartStopped,
        });
      },
      status: result => (result.stateUnknown ? 202 : 200),
    }),
  );

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
