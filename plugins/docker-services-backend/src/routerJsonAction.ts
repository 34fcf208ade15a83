import { Request, Response } from 'express';
import { z } from 'zod/v3';
import { containerParams, parse, requireJsonOrEmpty } from './routerSchemas';
import { AuthorizedEntity } from './service/EntityAuthorizer';

/** What a route that acts is given, once its input is read and its caller authorized. */
export interface JsonActionInput<A extends AuthorizedEntity, P, B> {
  req: Request;
  /** As the authorizer answered: with the actor, for a user's action. */
  authorized: A;
  params: P;
  body: B;
}

/**
 * A route that changes something: its address read from the URL (400), its
 * body required to be JSON or empty and parsed with `body` (400), the
 * caller authorized (404, 403), then the act, answered as JSON (with
 * `status(result)` when given, else 200). Each step keeps that order, so
 * the first bad part of a request is the one its 400 names.
 */
export function jsonAction<
  A extends AuthorizedEntity,
  P,
  B extends z.ZodTypeAny,
  T,
>(spec: {
  /** Reads the URL's parameters, such as {@link containerAddress}. */
  params: (req: Request) => P;
  body: B;
  authorize: (req: Request, params: P) => Promise<A>;
  act: (input: JsonActionInput<A, P, z.output<B>>) => Promise<T>;
  status?: (result: T) => number;
}) {
  return async (req: Request, res: Response) => {
    const params = spec.params(req);
    requireJsonOrEmpty(req);
    const body = parse(spec.body, req.body, 'request body');
    const authorized = await spec.authorize(req, params);
    const result = await spec.act({ req, authorized, params, body });
    res.status(spec.status?.(result) ?? 200).json(result);
  };
}

/** The host and full id of a container, from the URL (400 when not). */
export function containerAddress(req: Request) {
  return parse(containerParams, req.params, 'container address');
}
