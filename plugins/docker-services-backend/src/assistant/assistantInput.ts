import { InputError } from '@backstage/errors';
import { z } from 'zod/v3';
import { parseEntityRefText } from '../service/EntityAuthorizer';
import {
  CONTAINER_ID_PATTERN,
  HOST_NAME_PATTERN,
  SERVICE_ID_PATTERN,
} from '../routerSchemas';

/**
 * Input fields the assistant's actions share, described for a model and a
 * person alike. Checked by the same rules as the routes' URLs.
 */
export const entityField = (zod: typeof z) =>
  zod
    .string()
    .min(1)
    .max(300)
    .describe(
      'The catalog entity, written kind:namespace/name, e.g. component:default/shop-web (kind:name means the default namespace; a bare name, a component).',
    );

export const hostField = (zod: typeof z) =>
  zod
    .string()
    .regex(HOST_NAME_PATTERN, { message: 'host is not a host name.' })
    .describe(
      'The Docker host the container runs on, as the list of the entity\'s containers names it (its "host").',
    );

export const containerIdField = (zod: typeof z) =>
  zod
    .string()
    .regex(CONTAINER_ID_PATTERN, {
      message:
        'containerId must be the full 64-character id that list-entity-workloads gives.',
    })
    .describe(
      'The full 64-character container id, as the list of the entity\'s containers gives it (its "id").',
    );

export const serviceIdField = (zod: typeof z) =>
  zod
    .string()
    .regex(SERVICE_ID_PATTERN, {
      message:
        'serviceId must be the full 25-character id that list-entity-workloads gives.',
    })
    .describe(
      "The full 25-character Swarm service id, as the list of the entity's services gives it.",
    );

export const reasonField = (zod: typeof z) =>
  zod
    .string()
    .trim()
    .min(1)
    .max(500)
    .describe(
      "Why, in the person's words (required): kept in the entity's history beside their name, for everyone who reads it.",
    );

/**
 * The entity ref as the catalog writes it (a bare name is a component, as
 * people say "shop-web"); a 400 in words when it is not one.
 */
export function entityRefOf(text: string): string {
  const entityRef = parseEntityRefText(
    text.includes(':') ? text : `component:${text}`,
  );
  if (!entityRef) {
    throw new InputError(
      `"${text.slice(
        0,
        100,
      )}" is not an entity reference: write kind:namespace/name, such as component:default/shop-web.`,
    );
  }
  return entityRef;
}

/** The input of an action on one container of an entity: where, and why. */
export const containerActionInput = (zod: typeof z) =>
  zod.object({
    entity: entityField(zod),
    host: hostField(zod),
    containerId: containerIdField(zod),
    reason: reasonField(zod),
  });

/** What an action answers: a sentence, and the tab's own answer. */
export const actionOutput = (zod: typeof z, result: string) =>
  zod.object({
    summary: zod.string().describe('What happened, in a sentence.'),
    result: zod.unknown().describe(result),
  });
