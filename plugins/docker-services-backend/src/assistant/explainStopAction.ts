import { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import { dockerContainerReadPermission } from '@docker-services/backstage-plugin-docker-services-common';
import { AssistantServices } from './AssistantServices';
import { assistantRead } from './assistantCall';
import { containerIdField, entityField, hostField } from './assistantInput';
import { plainLines } from './plainLines';

/**
 * "Why did shop-web stop?": the diagnosis the Services tab shows, from
 * Docker's own facts and the portal's record.
 */
export function registerExplainStop(
  registry: ActionsRegistryService,
  services: AssistantServices,
) {
  registry.register({
    name: 'explain-container-state',
    title: 'Explain why a container stopped, restarts or is unhealthy',
    description:
      'Explains, in words for someone who is not a Docker expert, why a container of an entity stopped, keeps restarting or is unhealthy: its exit code and what it means (out of memory, killed, an error of the program), whether someone stopped it through the portal (who, when and why) or something outside did, its last health checks, and its last log lines before it stopped. Take the host and container id from list-entity-workloads.',
    attributes: { readOnly: true, idempotent: true, destructive: false },
    schema: {
      input: z =>
        z.object({
          entity: entityField(z),
          host: hostField(z),
          containerId: containerIdField(z),
        }),
      output: z =>
        z.object({
          summary: z
            .string()
            .describe('What happened, in one or two sentences.'),
          diagnosis: z
            .unknown()
            .describe(
              "The tab's diagnosis: Docker's terms, who stopped it, health checks, last log lines (control sequences removed).",
            ),
        }),
    },
    action: async ({ input, credentials }) => {
      const { host, containerId: id } = input;
      const diagnosis = await assistantRead(
        services,
        {
          credentials,
          entity: input.entity,
          permission: dockerContainerReadPermission,
          eventId: 'container-diagnosis',
          meta: { host, containerId: id },
        },
        ({ entity }) => services.diagnosis.diagnose({ entity, host, id }),
      );
      return {
        output: {
          summary: diagnosis.summary,
          diagnosis: {
            ...diagnosis,
            lastLines: plainLines(diagnosis.lastLines),
          },
        },
      };
    },
  });
}
