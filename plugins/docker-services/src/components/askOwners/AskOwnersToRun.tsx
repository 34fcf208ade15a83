import { getCompoundEntityRef } from '@backstage/catalog-model';
import { JobSummary } from '@docker-services/backstage-plugin-docker-services-common';
import { useJobPermissions } from '../../hooks/useActionPermissions';
import { AskContextValue, useAskContext, yourLastAsk } from './AskContext';
import { AskOwnersControl } from './AskOwnersControl';

function AskToRun(props: { job: JobSummary; context: AskContextValue }) {
  const { job, context } = props;
  const { run } = useJobPermissions(context.entity);
  // Only for someone the policy keeps from running it, and only while it
  // does not run: a running job has nothing to ask for.
  if (run.loading || run.allowed || job.running) return null;
  const container = { host: job.host, id: job.containerId };
  return (
    <AskOwnersControl
      target={{ entityRef: getCompoundEntityRef(context.entity), ...container }}
      name={job.containerName}
      // A job's run is its container's start: the owners' link opens it.
      action="start"
      verb="run"
      owners={context.owners}
      yourLastAsk={yourLastAsk(context, container)}
      onOutcome={context.onAsked}
    />
  );
}

/**
 * "Ask the owners to run" a job, for a user who may read it but not run it,
 * through the same ask as a container's; "You asked … ago" once they did.
 * Nothing outside a Services tab (no asking context).
 */
export function AskOwnersToRun({ job }: { job: JobSummary }) {
  const context = useAskContext();
  return context ? <AskToRun job={job} context={context} /> : null;
}
