import { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import { dockerServiceScalePermission } from '@docker-services/backstage-plugin-docker-services-common';
import { AssistantServices } from './AssistantServices';
import { ASSISTANT_CHANNEL } from './assistantCall';
import {
  actionOutput,
  entityField,
  entityRefOf,
  hostField,
  reasonField,
  serviceIdField,
} from './assistantInput';

/** "Scale shop-web to 4": the tab's Scale, within the portal's limits. */
export function registerScaleService(
  registry: ActionsRegistryService,
  services: AssistantServices,
) {
  const { authorizer, serviceActions } = services;
  registry.register({
    name: 'scale-swarm-service',
    title: 'Scale a Swarm service',
    description:
      'Sets how many replicas of a Swarm service of an entity run, within the limits the portal sets (most replicas; whether 0 is allowed). Fewer replicas stop tasks. Only on behalf of a signed-in person who may scale the entity\'s services; the history records it with their name, the reason and "via assistant". Take the host and service id from list-entity-workloads; confirm with the person first.',
    attributes: { readOnly: false, destructive: true, idempotent: true },
    schema: {
      input: z =>
        z.object({
          entity: entityField(z),
          host: hostField(z),
          serviceId: serviceIdField(z),
          replicas: z
            .number()
            .int()
            .min(0)
            .max(1_000_000)
            .describe('How many replicas should run.'),
          reason: reasonField(z),
        }),
      output: z => actionOutput(z, "The tab's answer, with the service after."),
    },
    action: async ({ input, credentials }) => {
      const authorized = await authorizer.authorizeActionRef(
        credentials,
        entityRefOf(input.entity),
        dockerServiceScalePermission,
      );
      const result = await serviceActions.run({
        ...authorized,
        host: input.host,
        id: input.serviceId,
        change: { kind: 'scale', replicas: input.replicas },
        reason: input.reason,
        mayStartJobs: false,
        channel: ASSISTANT_CHANNEL,
      });
      const summary =
        result.message ??
        (result.changed
          ? `Scaled to ${input.replicas} replicas.`
          : `It already had ${input.replicas} replicas.`);
      return { output: { summary, result } };
    },
  });
}
