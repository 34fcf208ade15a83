import { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import { dockerContainerStartPermission } from '@docker-services/backstage-plugin-docker-services-common';
import { AssistantServices } from './AssistantServices';
import { ASSISTANT_CHANNEL } from './assistantCall';
import {
  actionOutput,
  containerActionInput,
  entityRefOf,
} from './assistantInput';

/** "Run the nightly export now": the tab's Run now, with a reason. */
export function registerRunJob(
  registry: ActionsRegistryService,
  services: AssistantServices,
) {
  const { authorizer, jobs } = services;
  registry.register({
    name: 'run-job-now',
    title: 'Run a job now',
    description:
      'Starts one run of a job of an entity now, outside its schedule, as the Run now button does. Refused while the job is running (a job runs once at a time) or while its pipeline waits on another step. Only on behalf of a signed-in person who may start the entity\'s containers; the history records it with their name, the reason and "via assistant". Take the host and container id from list-entity-workloads (its jobs); confirm with the person first.',
    attributes: { readOnly: false, destructive: false, idempotent: false },
    schema: {
      input: containerActionInput,
      output: z =>
        actionOutput(z, "The tab's answer, with the run it started."),
    },
    action: async ({ input, credentials }) => {
      const authorized = await authorizer.authorizeActionRef(
        credentials,
        entityRefOf(input.entity),
        dockerContainerStartPermission,
      );
      const request = {
        ...authorized,
        host: input.host,
        id: input.containerId,
        reason: input.reason,
        channel: ASSISTANT_CHANNEL,
      };
      const result = await jobs.runNow(request);
      return { output: { summary: result.message, result } };
    },
  });
}
