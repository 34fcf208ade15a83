import {
  AuditorService,
  BackstageCredentials,
} from '@backstage/backend-plugin-api';
import { JsonObject } from '@backstage/types';
import { ResourcePermission } from '@backstage/plugin-permission-common';
import { auditedRead } from '../service/auditedRead';
import { AuthorizedEntity } from '../service/EntityAuthorizer';
import { AssistantServices } from './AssistantServices';
import { entityRefOf } from './assistantInput';

/** How the history and the audit trail say an assistant asked. */
export const ASSISTANT_CHANNEL = 'assistant' as const;

/** The audit event's words for who asked, and how (it has no request to read them from). */
export function assistantMeta(credentials: BackstageCredentials): JsonObject {
  const principal = credentials.principal as {
    userEntityRef?: string;
    subject?: string;
  };
  return {
    channel: ASSISTANT_CHANNEL,
    actor: principal.userEntityRef ?? principal.subject ?? 'unknown',
  };
}

/**
 * The entity as the person sees it (404 otherwise) and their permission
 * decision for it (403): the routes' checks, from credentials.
 */
export function authorizeRead(
  services: Pick<AssistantServices, 'authorizer'>,
  credentials: BackstageCredentials,
  entity: string,
  permission: ResourcePermission<'catalog-entity'>,
): Promise<AuthorizedEntity> {
  return services.authorizer.authorizeRef(
    credentials,
    entityRefOf(entity),
    permission,
  );
}

/** A read in a low-severity audit event with the route's event id, naming the person and the channel. */
export function auditedAssistantRead<T>(
  auditor: AuditorService,
  request: {
    credentials: BackstageCredentials;
    eventId: string;
    meta: JsonObject;
  },
  read: () => Promise<T>,
): Promise<T> {
  return auditedRead(
    auditor,
    {
      eventId: request.eventId,
      meta: { ...request.meta, ...assistantMeta(request.credentials) },
    },
    read,
  );
}

/** A read about one entity, checked and audited as its route does. */
export async function assistantRead<T>(
  services: Pick<AssistantServices, 'authorizer' | 'auditor'>,
  request: {
    credentials: BackstageCredentials;
    entity: string;
    permission: ResourcePermission<'catalog-entity'>;
    eventId: string;
    meta?: JsonObject;
  },
  read: (authorized: AuthorizedEntity) => Promise<T>,
): Promise<T> {
  const authorized = await authorizeRead(
    services,
    request.credentials,
    request.entity,
    request.permission,
  );
  return auditedAssistantRead(
    services.auditor,
    {
      credentials: request.credentials,
      eventId: request.eventId,
      meta: { entityRef: authorized.entityRef, ...request.meta },
    },
    () => read(authorized),
  );
}
