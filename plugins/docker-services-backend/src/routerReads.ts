import { AuditorService } from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { dockerContainerReadPermission } from '@docker-services/backstage-plugin-docker-services-common';
import { Request, Response } from 'express';
import { containerParams, parse } from './routerSchemas';
import { auditedRead } from './service/auditedRead';
import { AuthorizedEntity, EntityAuthorizer } from './service/EntityAuthorizer';

/** What a read route needs: who may read, and where reads are recorded. */
export interface ReadRouteOptions {
  authorizer: EntityAuthorizer;
  auditor: AuditorService;
}

/**
 * A route that reads about the entity as a whole: the entity and the
 * caller's read permission on it (404, 403), then the read inside a
 * low-severity audit event, answered as JSON.
 */
export function entityRead<T>(
  options: ReadRouteOptions,
  eventId: string,
  read: (authorized: AuthorizedEntity) => Promise<T>,
  /** How the answer is sent; default as JSON. */
  send: (req: Request, res: Response, value: T) => unknown = (_, res, v) =>
    res.json(v),
) {
  return async (req: Request, res: Response) => {
    const authorized = await options.authorizer.authorize(
      req,
      dockerContainerReadPermission,
    );
    const meta = { entityRef: authorized.entityRef };
    await send(
      req,
      res,
      await auditedRead(options.auditor, { req, eventId, meta }, () =>
        read(authorized),
      ),
    );
  };
}

/**
 * A route that reads about one of the entity's containers: its address
 * parsed (400), then as {@link entityRead}, the event naming the container.
 */
export function containerRead<T>(
  options: ReadRouteOptions,
  eventId: string,
  read: (request: { entity: Entity; host: string; id: string }) => Promise<T>,
) {
  return async (req: Request, res: Response) => {
    const { host, id } = parse(
      containerParams,
      req.params,
      'container address',
    );
    const { entity, entityRef } = await options.authorizer.authorize(
      req,
      dockerContainerReadPermission,
    );
    const meta = { entityRef, host, containerId: id };
    res.json(
      await auditedRead(options.auditor, { req, eventId, meta }, () =>
        read({ entity, host, id }),
      ),
    );
  };
}
