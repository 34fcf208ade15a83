import { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import { AssistantServices } from './AssistantServices';
import { registerContainerLifecycle } from './containerLifecycleActions';
import { registerExplainStop } from './explainStopAction';
import { registerFindContainer } from './findContainerAction';
import { registerListWorkloads } from './listWorkloadsAction';
import { registerLogLines } from './logLinesActions';
import { registerRunJob } from './runJobAction';
import { registerScaleService } from './scaleServiceAction';
import { sayingLimits } from './sayingLimits';

export type { AssistantServices } from './AssistantServices';

/**
 * The Services tab's reads and actions as actions of Backstage's actions
 * registry, which the MCP actions plugin serves to assistants: the same
 * services as the HTTP routes, called with the person's own credentials,
 * so the same permissions, limits, history (with "via assistant") and
 * audit.
 */
export function registerAssistantActions(
  actionsRegistry: ActionsRegistryService,
  services: AssistantServices,
) {
  const registry = sayingLimits(actionsRegistry);
  registerListWorkloads(registry, services);
  registerExplainStop(registry, services);
  registerLogLines(registry, services);
  registerFindContainer(registry, services);
  registerContainerLifecycle(registry, services);
  registerRunJob(registry, services);
  registerScaleService(registry, services);
}
