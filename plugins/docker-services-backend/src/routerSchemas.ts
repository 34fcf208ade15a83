import { InputError } from '@backstage/errors';
import {
  CONTAINER_ACTIONS,
  ContainerAction,
} from '@docker-services/backstage-plugin-docker-services-common';
import { Request } from 'express';
import { z } from 'zod/v3';

/** A configured host's name, a container's full id, a Swarm service's full id. */
export const HOST_NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/;
export const CONTAINER_ID_PATTERN = /^[0-9a-f]{64}$/;
export const SERVICE_ID_PATTERN = /^[a-z0-9]{25}$/;

export const containerParams = z.object({
  host: z.string().regex(HOST_NAME_PATTERN, {
    message: 'The host in the URL is not a host name.',
  }),
  id: z.string().regex(CONTAINER_ID_PATTERN, {
    message:
      'The container id in the URL must be the full 64-character hexadecimal id.',
  }),
});
/** A Swarm service on a host: ids are Docker's full 25-character ones. */
export const serviceParams = z.object({
  host: containerParams.shape.host,
  id: z.string().regex(SERVICE_ID_PATTERN, {
    message:
      'The service id in the URL must be the full 25-character Swarm service id.',
  }),
});
const reason = z
  .string({ invalid_type_error: 'reason must be text.' })
  .max(500, { message: 'reason must be at most 500 characters.' })
  .optional();
/** Scale a Swarm service: how many replicas, and why. */
export const scaleBody = z
  .object({
    replicas: z
      .number({
        required_error: 'replicas is required: the number of replicas wanted.',
        invalid_type_error: 'replicas must be a number.',
      })
      .int({ message: 'replicas must be a whole number.' })
      .min(0, { message: 'replicas cannot be negative.' })
      .max(1_000_000, { message: 'replicas is far too large.' }),
    reason,
  })
  .strict();
export const fleetQuery = z
  .object({
    q: z
      .string()
      .max(200, { message: 'must be at most 200 characters' })
      .default(''),
    limit: z.coerce.number().int().min(1).max(500).default(100),
  })
  .strict();
/** The caller's own services take no parameters. */
export const fleetMineQuery = z.object({}).strict();
export const actionBody = z.object({ reason }).strict();
export const historyQuery = z
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
export const logsQuery = z
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

/** An RFC 3339 time (nanoseconds allowed) or UNIX seconds, as Docker's UNIX seconds. */
export function toUnixSeconds(value: string): string | undefined {
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

export function parse<S extends z.ZodTypeAny>(
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
export function requireJsonOrEmpty(req: Request) {
  const hasBody =
    Number(req.headers['content-length'] ?? 0) > 0 ||
    req.headers['transfer-encoding'];
  if (hasBody && !req.is('application/json')) {
    throw new InputError(
      'The request body must be JSON, such as {"reason": "deploy"}, or empty.',
    );
  }
}

export function parseAction(req: Request): ContainerAction {
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

/** Asking the owners: what to do, and why (required). */
export const askOwnersBody = z
  .object({
    action: z.enum(['start', 'restart'], {
      errorMap: () => ({ message: 'action must be start or restart.' }),
    }),
    reason: z
      .string({
        required_error: 'Say why: reason is required.',
        invalid_type_error: 'reason must be text.',
      })
      .trim()
      .min(1, { message: 'Say why: reason is required.' })
      .max(500, { message: 'reason must be at most 500 characters.' }),
  })
  .strict();
