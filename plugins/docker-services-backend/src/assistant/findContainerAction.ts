import { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import { NotAllowedError } from '@backstage/errors';
import { FleetContainer } from '@docker-services/backstage-plugin-docker-services-common';
import { AssistantServices } from './AssistantServices';
import { auditedAssistantRead } from './assistantCall';
import { describeState } from './describeWorkloads';

/**
 * "Whose is this container?": the fleet search of the Docker page, with
 * each container's entity and owner.
 */
export function registerFindContainer(
  registry: ActionsRegistryService,
  services: AssistantServices,
) {
  registry.register({
    name: 'find-container-owner',
    title: 'Find a container, its entity and its owner',
    description:
      "Searches the containers on every Docker host the portal knows (by container name, image, compose project or entity) and says which catalog entity each belongs to and who owns it: whom to ask about it. Shows only what the signed-in person may see on the portal's Docker page.",
    attributes: { readOnly: true, idempotent: true, destructive: false },
    schema: {
      input: z =>
        z.object({
          query: z
            .string()
            .max(200)
            .describe(
              'Words to look for: part of a container name, an image, a compose project or an entity name, e.g. "shop-web".',
            ),
          limit: z
            .number()
            .int()
            .min(1)
            .max(100)
            .default(20)
            .describe('At most this many containers (default 20).'),
        }),
      output: z =>
        z.object({
          summary: z
            .array(z.string())
            .describe('One line per container: its state, entity and owner.'),
          result: z
            .unknown()
            .describe(
              "The Docker page's search answer: containers, hosts, whether it was cut.",
            ),
        }),
    },
    action: async ({ input, credentials }) => {
      // As the route: the search reads the person's own groups.
      if ((credentials.principal as { type?: string }).type !== 'user') {
        throw new NotAllowedError(
          'Only a signed-in person can search the fleet: an assistant acts on behalf of a person, with their own token.',
        );
      }
      const result = await auditedAssistantRead(
        services.auditor,
        { credentials, eventId: 'fleet-search', meta: {} },
        () =>
          services.fleet.search({
            credentials,
            q: input.query,
            limit: input.limit,
          }),
      );
      const summary = result.containers.map(describeFound);
      if (result.truncated)
        summary.push('More containers matched; ask with more precise words.');
      if (result.containers.length === 0)
        summary.push('No container you may see matches.');
      return { output: { summary, result } };
    },
  });
}

function describeFound(c: FleetContainer): string {
  const where = `${c.name} on ${c.host}: ${describeState(c)}`;
  if (c.binding === 'conflict') {
    return `${where}; claimed by more than one entity, so nobody may act on it.`;
  }
  if (c.binding === 'unbound' || !c.entity) {
    return `${where}; belongs to no entity${
      c.unboundReason ? ` (${c.unboundReason})` : ''
    }.`;
  }
  const owner = c.entity.owner
    ? `, owned by ${c.entity.owner.title ?? c.entity.owner.ref}`
    : '';
  return `${where}; entity ${c.entity.ref}${owner}.`;
}
