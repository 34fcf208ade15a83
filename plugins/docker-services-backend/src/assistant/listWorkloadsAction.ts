import { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import { dockerContainerReadPermission } from '@docker-services/backstage-plugin-docker-services-common';
import { AssistantServices } from './AssistantServices';
import { auditedAssistantRead, authorizeRead } from './assistantCall';
import { entityField } from './assistantInput';
import { describeWorkloads } from './describeWorkloads';

/**
 * "What runs for shop-web?": the entity's containers, Swarm services and
 * jobs, each as its route answers it, with their state in words.
 */
export function registerListWorkloads(
  registry: ActionsRegistryService,
  services: AssistantServices,
) {
  const { containers, auditor, jobs } = services;
  registry.register({
    name: 'list-entity-workloads',
    title: "List an entity's containers, services and jobs",
    description:
      "Lists the Docker containers, Swarm services and jobs that run a catalog entity (a component, say), with each one's state in words: running since when, stopped when and why, restarting, unhealthy; and the hosts that did not answer. Use it first: the other actions take the host and the container id it gives. Shows what the signed-in person may see on the entity's Services tab, nothing more.",
    attributes: { readOnly: true, idempotent: true, destructive: false },
    schema: {
      input: z => z.object({ entity: entityField(z) }),
      output: z =>
        z.object({
          summary: z
            .array(z.string())
            .describe('One line per container, service and job, in words.'),
          containers: z
            .unknown()
            .describe(
              "The entity's containers per host, as the Services tab reads them.",
            ),
          services: z
            .unknown()
            .describe("The entity's Swarm services per host."),
          jobs: z
            .unknown()
            .describe("The entity's jobs, each with its last run."),
        }),
    },
    action: async ({ input, credentials }) => {
      const authorized = await authorizeRead(
        services,
        credentials,
        input.entity,
        dockerContainerReadPermission,
      );
      const { entity, entityRef } = authorized;
      const read = <T>(eventId: string, fn: () => Promise<T>) =>
        auditedAssistantRead(
          auditor,
          { credentials, eventId, meta: { entityRef } },
          fn,
        );
      const [containerList, serviceList, jobList] = await Promise.all([
        read('container-list', () => containers.listContainers({ entity })),
        read('service-list', () => services.services.listServices({ entity })),
        read('job-list', () => jobs.listJobs(entity, entityRef)),
      ]);
      const workloads = {
        containers: containerList,
        services: serviceList,
        jobs: jobList,
      };
      return {
        output: { summary: describeWorkloads(workloads), ...workloads },
      };
    },
  });
}
