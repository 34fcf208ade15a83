import { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import {
  ContainerAction,
  dockerContainerActionPermissions,
  dockerContainerStartPermission,
} from '@docker-services/backstage-plugin-docker-services-common';
import { AssistantServices } from './AssistantServices';
import { ASSISTANT_CHANNEL } from './assistantCall';
import {
  actionOutput,
  containerActionInput,
  entityRefOf,
} from './assistantInput';

/** What each action is, for a model and a person, and how it behaves if repeated. */
const ACTIONS: Record<
  ContainerAction,
  {
    title: string;
    description: string;
    attributes: { destructive: boolean; idempotent: boolean };
  }
> = {
  start: {
    title: 'Start a stopped container',
    description:
      'Starts a stopped container of an entity. Starting one that already runs changes nothing.',
    attributes: { destructive: false, idempotent: true },
  },
  stop: {
    title: 'Stop a running container',
    description:
      "Stops a running container of an entity: Docker asks it to end, and kills it after the portal's stop timeout. Whatever it serves is down until someone starts it again. Stopping one that is stopped changes nothing.",
    attributes: { destructive: true, idempotent: true },
  },
  restart: {
    title: 'Restart a container',
    description:
      'Restarts a container of an entity: stops it (ends what it is doing) and starts it again. Restarting a stopped one starts it, which also takes the permission to start.',
    attributes: { destructive: true, idempotent: false },
  },
};

/**
 * Start, stop and restart as the tab's buttons do them: the person's own
 * permission for the entity, a history row with their name, the reason and
 * "via assistant" written before Docker is called, and the same words.
 */
export function registerContainerLifecycle(
  registry: ActionsRegistryService,
  services: AssistantServices,
) {
  const { authorizer, actions } = services;
  for (const action of ['start', 'stop', 'restart'] as const) {
    const about = ACTIONS[action];
    registry.register({
      name: `${action}-container`,
      title: about.title,
      description: `${about.description} Only on behalf of a signed-in person who may ${action} the entity's containers on its Services tab; the entity's history records it with their name, the reason and "via assistant". Take the host and container id from list-entity-workloads; confirm with the person first.`,
      attributes: { readOnly: false, ...about.attributes },
      schema: {
        input: containerActionInput,
        output: z =>
          actionOutput(
            z,
            "The tab's answer: whether anything changed, and the container after.",
          ),
      },
      action: async ({ input, credentials }) => {
        const authorized = await authorizer.authorizeActionRef(
          credentials,
          entityRefOf(input.entity),
          dockerContainerActionPermissions[action],
        );
        // A restart of a stopped container starts it: that takes the start permission too.
        const mayStartStopped =
          action !== 'restart' ||
          (await authorizer.allows(authorized, dockerContainerStartPermission));
        const result = await actions.run({
          ...authorized,
          host: input.host,
          id: input.containerId,
          action,
          reason: input.reason,
          mayStartStopped,
          channel: ASSISTANT_CHANNEL,
        });
        return { output: { summary: result.message, result } };
      },
    });
  }
}
