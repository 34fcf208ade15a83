import {
  BackstageCredentials,
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError, NotAllowedError, NotFoundError } from '@backstage/errors';
import {
  AuthorizeResult,
  ResourcePermission,
} from '@backstage/plugin-permission-common';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { Request } from 'express';
import { z } from 'zod/v3';

// The catalog's own rules for kind, namespace and name.
const entityRefParams = z.object({
  kind: z.string().regex(/^[A-Za-z][A-Za-z0-9]{0,62}$/),
  namespace: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/).max(63),
  name: z
    .string()
    .regex(/^[A-Za-z0-9]+(?:[-_.][A-Za-z0-9]+)*$/)
    .max(63),
});

/** An entity the caller may see, with the caller's credentials. */
export interface AuthorizedEntity {
  entity: Entity;
  entityRef: string;
  credentials: BackstageCredentials;
}

/**
 * The one place routes turn `:kind/:namespace/:name` and the caller into an
 * entity they may act on: credentials, then the entity as the caller sees it
 * (404 when they cannot), then the permission decision for that entity (403).
 */
export class EntityAuthorizer {
  readonly #httpAuth: HttpAuthService;
  readonly #permissions: PermissionsService;
  readonly #catalog: typeof catalogServiceRef.T;

  static create(options: {
    httpAuth: HttpAuthService;
    permissions: PermissionsService;
    catalog: typeof catalogServiceRef.T;
  }) {
    return new EntityAuthorizer(options);
  }

  private constructor(options: {
    httpAuth: HttpAuthService;
    permissions: PermissionsService;
    catalog: typeof catalogServiceRef.T;
  }) {
    this.#httpAuth = options.httpAuth;
    this.#permissions = options.permissions;
    this.#catalog = options.catalog;
  }

  async authorize(
    req: Request,
    permission: ResourcePermission<'catalog-entity'>,
  ): Promise<AuthorizedEntity> {
    const parsed = entityRefParams.safeParse(req.params);
    if (!parsed.success) {
      throw new InputError(
        'The entity reference in the URL is not valid: expected /entities/<kind>/<namespace>/<name> as in the catalog.',
      );
    }
    const credentials = await this.#httpAuth.credentials(req);
    const entityRef = stringifyEntityRef(parsed.data);
    const entity = await this.#catalog.getEntityByRef(entityRef, {
      credentials,
    });
    if (!entity) {
      throw new NotFoundError(`No entity ${entityRef} was found`);
    }
    const [decision] = await this.#permissions.authorize(
      [{ permission, resourceRef: entityRef }],
      { credentials },
    );
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(
        `You are not allowed to ${describe(permission)} of ${entityRef}`,
      );
    }
    return { entity, entityRef, credentials };
  }
}

function describe(permission: ResourcePermission<'catalog-entity'>): string {
  const action = permission.name.split('.').pop();
  return action === 'read'
    ? 'see the containers'
    : action === 'logs'
    ? 'read the container logs'
    : `${action} the containers`;
}
