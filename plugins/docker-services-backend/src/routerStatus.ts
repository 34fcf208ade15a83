import { AuditorService } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import {
  dockerContainerReadPermission,
  ENTITY_STATUS_MAX_REFS,
  EntityStatusResponse,
} from '@docker-services/backstage-plugin-docker-services-common';
import express, { NextFunction, Request, Response, Router } from 'express';
import { z } from 'zod/v3';
import { JobService } from './jobs/JobService';
import { parse } from './routerSchemas';
import { auditedRead } from './service/auditedRead';
import { ContainerService } from './service/ContainerService';
import {
  EntityAuthorizer,
  parseEntityRefText,
} from './service/EntityAuthorizer';
import { EntityStatusService } from './status/EntityStatusService';
import { SwarmServices } from './swarm/SwarmServices';

const EXAMPLE = '{"entityRefs": ["component:default/shop-web"]}';

const statusBody = z
  .object({
    entityRefs: z
      .array(z.string({ invalid_type_error: 'each ref must be text' }), {
        required_error: `the entity refs to look at are required, as in ${EXAMPLE}`,
        invalid_type_error: `must be a list of entity refs, as in ${EXAMPLE}`,
      })
      .min(1, { message: 'name at least one entity ref' })
      .max(ENTITY_STATUS_MAX_REFS, {
        message: `name at most ${ENTITY_STATUS_MAX_REFS} entities per request; split the rest into further requests`,
      }),
  })
  .strict();

/** 100 refs may be longer than the 16 KB other bodies are held to. */
const readJson = express.json({ limit: '64kb' });

/** body-parser's refusals, in words. */
function jsonBody(req: Request, res: Response, next: NextFunction) {
  readJson(req, res, (error?: { type?: string }) => {
    if (!error) return next();
    if (error.type === 'entity.too.large') {
      return next(
        new InputError(
          `The request body is too large: name at most ${ENTITY_STATUS_MAX_REFS} entities per request.`,
        ),
      );
    }
    return next(
      new InputError(`The request body must be JSON, such as ${EXAMPLE}.`),
    );
  });
}

/**
 * `POST /entities/status`: the status of up to 100 entities in one
 * request, for an overview card or a catalog column. Each entity is
 * checked as the single-entity routes check it; one the caller may not
 * read is left out of the answer, exactly as one that does not exist.
 */
export function addStatusRoutes(
  router: Router,
  options: {
    authorizer: EntityAuthorizer;
    containers: ContainerService;
    services: SwarmServices;
    jobs: JobService;
    auditor: AuditorService;
  },
) {
  const { authorizer, auditor } = options;
  const status = EntityStatusService.create(options);

  router.post('/entities/status', jsonBody, async (req, res) => {
    if (!req.is('application/json')) {
      throw new InputError(
        `The request body must be JSON (Content-Type: application/json), such as ${EXAMPLE}.`,
      );
    }
    const { entityRefs } = parse(statusBody, req.body, 'request body');
    const asked = [...new Set(entityRefs)].map(text => ({
      text,
      ref: parseEntityRefText(text),
    }));
    const malformed = asked.filter(a => a.ref === undefined);
    if (malformed.length > 0) {
      throw new InputError(
        `Not an entity ref: ${malformed
          .slice(0, 3)
          .map(a => JSON.stringify(a.text.slice(0, 100)))
          .join(
            ', ',
          )}. Write each as kind:namespace/name, as the catalog does, such as component:default/shop-web.`,
      );
    }
    const readable = await authorizer.authorizeMany(
      req,
      [...new Set(asked.map(a => a.ref!))],
      dockerContainerReadPermission,
    );
    const requests = asked.flatMap(a => {
      const found = readable.get(a.ref!);
      return found ? [{ askedRef: a.text, entity: found.entity }] : [];
    });
    const answer: EntityStatusResponse = await auditedRead(
      auditor,
      {
        req,
        eventId: 'entity-status',
        meta: { asked: asked.length, readable: requests.length },
      },
      async () => ({ items: await status.statuses(requests) }),
    );
    res.json(answer);
  });
}
