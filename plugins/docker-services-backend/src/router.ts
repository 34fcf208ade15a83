import { AuditorService } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import {
  CONTAINER_ACTIONS,
  ContainerAction,
  dockerContainerActionPermissions,
  dockerContainerLogsPermission,
  dockerContainerReadPermission,
  dockerContainerStartPermission,
} from '@docker-services/backstage-plugin-docker-services-common';
import { LogService } from './logs/LogService';
import express, { Request, Response } from 'express';
import { Entity } from '@backstage/catalog-model';
import Router from 'express-promise-router';
import { z } from 'zod/v3';
import { HistoryStore } from './database/HistoryStore';
import { auditedRead } from './service/auditedRead';
import { ContainerActions } from './service/ContainerActions';
import { ContainerService } from './service/ContainerService';
import { EntityAuthorizer } from './service/EntityAuthorizer';
import { FleetService } from './fleet/FleetService';

const ENTITY = '/entities/:kind/:namespace/:name';
const CONTAINER = `${ENTITY}/containers/:host/:id`;

const containerParams = z.object({
  host: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/, {
    message: 'The host in the URL is not a host name.',
  }),
  id: z.string().regex(/^[0-9a-f]{64}$/, {
    message:
      'The container id in the URL must be the full 64-character hexadecimal id.',
  }),
});
const fleetQuery = z
  .object({
    q: z
      .string()
      .max(200, { message: 'must be at most 200 characters' })
      .default(''),
    limit: z.coerce.number().int().min(1).max(500).default(100),
  })
  .strict();
const actionBody = z
  .object({
    reason: z
      .string({ invalid_type_error: 'reason must be text.' })
      .max(500, { message: 'reason must be at most 500 characters.' })
      .optional(),
  })
  .strict();
const historyQuery = z
  .object({
    limit: z.coerce.number().int().min(1).max(100).default(20),
    before: z.coerce.number().int().min(1).optional(),
  })
  .strict();

const flag = z
  .enum(['true', 'false', '1', '0'], {
    errorMap: () => ({ message: 'must be true or false' }),
  })
  .transform(v => v === 'true' || v === '1');
// An RFC 3339 time or UNIX seconds; Docker wants UNIX seconds (with nanoseconds).
const time = z
  .string()
  .max(40)
  .transform((value, ctx) => {
    const seconds = toUnixSeconds(value);
    if (seconds === undefined) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        message:
          'must be an RFC 3339 time such as 2026-01-31T12:00:00Z, or UNIX seconds',
      });
      return z.NEVER;
    }
    return seconds;
  });
const logsQuery = z
  .object({
    tail: z
      .union(
        [z.literal('all'), z.coerce.number().int().min(0).max(1_000_000_000)],
        {
          errorMap: () => ({ message: 'must be a number of lines or "all"' }),
        },
      )
      .optional(),
    since: time.optional(),
    until: time.optional(),
    timestamps: flag.default('false'),
    stdout: flag.default('true'),
    stderr: flag.default('true'),
    follow: flag.default('false'),
    format: z.enum(['ndjson', 'text']).default('ndjson'),
  })
  .strict();

function toUnixSeconds(value: string): string | undefined {
  if (/^\d{1,12}(\.\d{1,9})?$/.test(value)) return value;
  const match =
    /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(?:\.(\d{1,9}))?(Z|[+-]\d\d:\d\d)$/.exec(
      value,
    );
  if (!match) return undefined;
  const millis = Date.parse(`${match[1]}${match[3]}`);
  if (Number.isNaN(millis)) return undefined;
  return `${Math.floor(millis / 1000)}.${(match[2] ?? '0').padEnd(9, '0')}`;
}

function parse<S extends z.ZodTypeAny>(
  schema: S,
  value: unknown,
  what: string,
): z.output<S> {
  const parsed = schema.safeParse(value ?? {});
  if (!parsed.success) {
    const messages = parsed.error.issues.map(i =>
      i.code === 'unrecognized_keys'
        ? `unknown field(s) ${i.keys.join(', ')}`
        : `${i.path.join('.') || 'value'}: ${i.message}`,
    );
    throw new InputError(`Invalid ${what}: ${messages.join('; ')}`);
  }
  return parsed.data;
}

/** Action bodies are JSON or empty; anything else is refused, not ignored. */
function requireJsonOrEmpty(req: Request) {
  const hasBody =
    Number(req.headers['content-length'] ?? 0) > 0 ||
    req.headers['transfer-encoding'];
  if (hasBody && !req.is('application/json')) {
    throw new InputError(
      'The request body must be JSON, such as {"reason": "deploy"}, or empty.',
    );
  }
}

function parseAction(req: Request): ContainerAction {
  const action = req.params.action as ContainerAction;
  if (!CONTAINER_ACTIONS.includes(action)) {
    throw new InputError(
      `Unknown action "${String(req.params.action).slice(
        0,
        32,
      )}"; use start, stop or restart.`,
    );
  }
  return action;
}

/** Declares the HTTP routes; each parses input, authorizes, and calls a service. */
export async function createRouter(options: {
  authorizer: EntityAuthorizer;
  containers: ContainerService;
  actions: ContainerActions;
  logs: LogService;
  history: HistoryStore;
  auditor: AuditorService;
  fleet: FleetService;
}): Promise<express.Router> {
  const { authorizer, containers, actions, logs, history, auditor, fleet } =
    options;
  const router = Router();
  router.use(express.json({ limit: '16kb' }));

  // The entity's containers on each of its hosts.
  router.get(`${ENTITY}/containers`, async (req, res) => {
    const { entity, entityRef } = await authorizer.authorize(
      req,
      dockerContainerReadPermission,
    );
    res.json(
      await auditedRead(
        auditor,
        { req, eventId: 'container-list', meta: { entityRef } },
        () => containers.listContainers({ entity }),
      ),
    );
  });

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

  // One resource-use sample of a running container.
  router.get(
    `${CONTAINER}/stats`,
    containerRead('container-stats', r => containers.getContainerStats(r)),
  );

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
        () => history.list({ entityRef, limit, before }),
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
    parse(z.object({}).strict(), req.query, 'query');
    const credentials = await authorizer.userCredentials(req);
    res.json(
      await auditedRead(auditor, { req, eventId: 'fleet-mine', meta: {} }, () =>
        fleet.mine(credentials),
      ),
    );
  });

  return router;
}
