import {
  BackstageCredentials,
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import {
  Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
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
  namespace: z
    .string()
    .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/)
    .max(63),
  name: z
    .string()
    .regex(/^[A-Za-z0-9]+(?:[-_.][A-Za-z0-9]+)*$/)
    .max(63),
});

/**
 * A ref written `kind:namespace/name` (or `kind:name` in the default
 * namespace), checked by the same rules as the URL's; undefined when it is
 * not one.
 */
export function parseEntityRefText(text: string): string | undefined {
  let parts;
  try {
    parts = parseEntityRef(text, { defaultNamespace: 'default' });
  } catch {
    return undefined;
  }
  const parsed = entityRefParams.safeParse(parts);
  return parsed.success ? stringifyEntityRef(parsed.data) : undefined;
}

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

  readonly #actionsEnabled: boolean;

  /**
   * @param options.actionsEnabled - false when the permission framework is
   *   off and the config does not explicitly allow actions anyway: the
   *   framework then allows everything, so mutating routes must refuse.
   */
  static create(options: {
    httpAuth: HttpAuthService;
    permissions: PermissionsService;
    catalog: typeof catalogServiceRef.T;
    actionsEnabled: boolean;
  }) {
    return new EntityAuthorizer(options);
  }

  private constructor(options: {
    httpAuth: HttpAuthService;
    permissions: PermissionsService;
    catalog: typeof catalogServiceRef.T;
    actionsEnabled: boolean;
  }) {
    this.#httpAuth = options.httpAuth;
    this.#permissions = options.permissions;
    this.#catalog = options.catalog;
    this.#actionsEnabled = options.actionsEnabled;
  }

  /**
   * For routes that change containers: only signed-in users (the policy is
   * never consulted for service principals), and only with the permission
   * framework on.
   */
  async authorizeAction(
    req: Request,
    permission: ResourcePermission<'catalog-entity'>,
  ): Promise<AuthorizedEntity & { actor: string }> {
    this.#requireActionsEnabled();
    const credentials = await this.#httpAuth.credentials(req, {
      allow: ['user'],
    });
    const authorized = await this.authorize(req, permission, credentials);
    return { ...authorized, actor: credentials.principal.userEntityRef };
  }

  async authorize(
    req: Request,
    permission: ResourcePermission<'catalog-entity'>,
    knownCredentials?: BackstageCredentials,
  ): Promise<AuthorizedEntity> {
    const parsed = entityRefParams.safeParse(req.params);
    if (!parsed.success) {
      throw new InputError(
        'The entity reference in the URL is not valid: expected /entities/<kind>/<namespace>/<name> as in the catalog.',
      );
    }
    const credentials =
      knownCredentials ?? (await this.#httpAuth.credentials(req));
    return this.authorizeRef(
      credentials,
      stringifyEntityRef(parsed.data),
      permission,
    );
  }

  /**
   * As {@link EntityAuthorizer.authorizeAction}, for a person known by
   * their credentials rather than a request (an assistant acting on their
   * behalf): only a user, never a service, and only with the permission
   * framework on.
   */
  async authorizeActionRef(
    credentials: BackstageCredentials,
    entityRef: string,
    permission: ResourcePermission<'catalog-entity'>,
  ): Promise<AuthorizedEntity & { actor: string }> {
    this.#requireActionsEnabled();
    const principal = credentials.principal as { userEntityRef?: string };
    if (!principal.userEntityRef) {
      throw new NotAllowedError(
        'Only a signed-in person can start, stop, restart, run or scale through the portal: an assistant acts on behalf of a person, with their own token, never as a service.',
      );
    }
    const authorized = await this.authorizeRef(
      credentials,
      entityRef,
      permission,
    );
    return { ...authorized, actor: principal.userEntityRef };
  }

  /**
   * The entity `entityRef` (as {@link parseEntityRefText} returns it) as
   * the caller sees it (404 when they cannot), then their permission
   * decision for it (403): the checks of {@link EntityAuthorizer.authorize}
   * without a request.
   */
  async authorizeRef(
    credentials: BackstageCredentials,
    entityRef: string,
    permission: ResourcePermission<'catalog-entity'>,
  ): Promise<AuthorizedEntity> {
    // Asked side by side (a first view pays the longer of the two round
    // trips, not both), but an entity the caller cannot see is a 404 as
    // soon as the catalog says so: never waiting on the decision, whatever
    // it says or however it fails.
    const deciding = this.#permissions.authorize(
      [{ permission, resourceRef: entityRef }],
      { credentials },
    );
    deciding.catch(() => {}); // its failure matters only for a visible entity
    const entity = await this.#catalog.getEntityByRef(entityRef, {
      credentials,
    });
    if (!entity) {
      throw new NotFoundError(`No entity ${entityRef} was found`);
    }
    const [decision] = await deciding;
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(
        `You are not allowed to ${describe(permission)} of ${entityRef}`,
      );
    }
    return { entity, entityRef, credentials };
  }

  /**
   * The entities of `entityRefs` (as {@link parseEntityRefText} returns
   * them) that the caller may see and holds `permission` on, each checked
   * as {@link EntityAuthorizer.authorize} checks one: the catalog read with
   * the caller's credentials, then the decision per entity. The others are
   * left out alike, whether missing, hidden or denied.
   */
  async authorizeMany(
    req: Request,
    entityRefs: string[],
    permission: ResourcePermission<'catalog-entity'>,
  ): Promise<Map<string, AuthorizedEntity>> {
    const credentials = await this.#httpAuth.credentials(req);
    const { items } = await this.#catalog.getEntitiesByRefs(
      { entityRefs },
      { credentials },
    );
    const visible = entityRefs.flatMap((entityRef, i) => {
      const entity = items[i];
      return entity ? [{ entity, entityRef, credentials }] : [];
    });
    if (visible.length === 0) return new Map();
    const decisions = await this.#permissions.authorize(
      visible.map(v => ({ permission, resourceRef: v.entityRef })),
      { credentials },
    );
    return new Map(
      visible
        .filter((_, i) => decisions[i].result === AuthorizeResult.ALLOW)
        .map(v => [v.entityRef, v]),
    );
  }

  #requireActionsEnabled(): void {
    if (!this.#actionsEnabled) {
      throw new NotAllowedError(
        'Starting, stopping and restarting containers is disabled because the permission framework is off (permission.enabled). Turn it on, or set dockerServices.allowActionsWithoutPermissionFramework to accept that every signed-in user may act.',
      );
    }
  }

  /** The signed-in user's credentials, for routes about no one entity. */
  async userCredentials(req: Request): Promise<BackstageCredentials> {
    return this.#httpAuth.credentials(req, { allow: ['user'] });
  }

  /** Whether the caller also holds `permission` on an entity already authorized. */
  async allows(
    authorized: AuthorizedEntity,
    permission: ResourcePermission<'catalog-entity'>,
  ): Promise<boolean> {
    const [decision] = await this.#permissions.authorize(
      [{ permission, resourceRef: authorized.entityRef }],
      { credentials: authorized.credentials },
    );
    return decision.result === AuthorizeResult.ALLOW;
  }
}

function describe(permission: ResourcePermission<'catalog-entity'>): string {
  const action = permission.name.split('.').pop();
  if (action === 'read') return 'see the containers';
  if (action === 'logs') return 'read the container logs';
  if (action === 'scale') return 'scale the Swarm services';
  return `${action} the containers`;
}
